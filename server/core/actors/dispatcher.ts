import type { CommandOutcome, CommandRequest } from './types.js'

type Dispatch = (request: CommandRequest) => Promise<CommandOutcome>

let current: Dispatch | null = null

/**
 * The way into the actor runtime for code that is not a socket command: HTTP
 * services (a stock receipt entered in the admin app), background jobs. The
 * composition root (start/runtime.ts) installs the host's dispatch; modules
 * depend on this seam, not on the host.
 */
export const actorCommands = {
  install(dispatch: Dispatch) {
    current = dispatch
  },
  /** Sends one command to its actor wherever it lives; answers the stored result for a repeated commandId. */
  dispatch(request: CommandRequest): Promise<CommandOutcome> {
    if (!current) {
      return Promise.resolve({ ok: false, error: { code: 'E_ACTOR_UNAVAILABLE', message: 'The actor runtime is not running on this process' } })
    }
    return current(request)
  },
}
