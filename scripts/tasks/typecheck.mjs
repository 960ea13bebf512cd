/** npm run typecheck: strict TypeScript for the server and every package. */
export default async function typecheck({ run, root }) {
  run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'], {})
  for (const pkg of ['protocols', 'state-machines']) {
    run('npx', ['tsc', '--noEmit', '-p', `${root}/${pkg}/tsconfig.json`], {})
  }
  // The apps (and their end-to-end tests) with their own settings (DOM, JSX, Angular).
  run('npm', ['run', 'typecheck', '--silent', '-w', 'admin-app'], {})
  run('npm', ['run', 'typecheck', '--silent', '-w', 'terminal-app'], {})
}
