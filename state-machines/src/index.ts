/**
 * @pos/state-machines: pure XState machines and pure calculators shared by the
 * server (authoritative) and the apps (optimistic, offline). Nothing here does
 * I/O, reads a clock or draws random numbers.
 */
export * from './tax/index.ts'
export * from './gst/index.ts'
export * from './invoice/index.ts'
export * from './barcode/index.ts'
export * from './machines/index.ts'
export * from './reports/index.ts'
