/** npm run typecheck: strict TypeScript for the server and every package. */
export default async function typecheck({ run, root }) {
  run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'], {})
  for (const pkg of ['protocols', 'state-machines']) {
    run('npx', ['tsc', '--noEmit', '-p', `${root}/${pkg}/tsconfig.json`], {})
  }
  // The admin app (and its end-to-end tests) with their own settings (DOM, JSX).
  run('npm', ['run', 'typecheck', '--silent', '-w', 'admin-app'], {})
}
