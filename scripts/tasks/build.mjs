/** npm run build: the production build of the server (build/), after the shared packages. */
export default async function build({ run }) {
  run('node', ['ace', 'build'], {})
}
