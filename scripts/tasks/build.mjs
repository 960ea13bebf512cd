import { buildApps } from '../lib/app-builds.mjs'

/** npm run build: the production build of the server (build/) with the apps' builds, after the shared packages. */
export default async function build({ root, run, log }) {
  buildApps({ root, run, log, force: true })
  run('node', ['ace', 'build'], {})
}
