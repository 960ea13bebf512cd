/** npm run lint: ESLint over the repository, boundaries included (eslint.config.js). */
export default async function lint({ run, args }) {
  run('npx', ['eslint', '--max-warnings=0', '.', ...args], {})
}
