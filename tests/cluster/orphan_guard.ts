/*
 * Preloaded (`--import`) into every node the cluster harness spawns: the harness
 * opens an IPC channel to each node, and when it closes (the test process ended,
 * however abruptly, even by SIGKILL) the node kills itself, so no server outlives
 * its test run. The channel is unref'd: it never keeps a node alive on its own.
 */
if (process.channel) {
  process.channel.unref()
  process.once('disconnect', () => process.kill(process.pid, 'SIGKILL'))
}
