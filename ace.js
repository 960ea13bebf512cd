/*
 * Entry point for Ace commands (`node ace migration:run`, `node ace make:model`, `node ace test`).
 * TypeScript sources are executed just in time by @poppinss/ts-exec.
 */
import '@poppinss/ts-exec'

await import('./bin/console.js')
