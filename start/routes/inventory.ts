/*
 * The inventory module's HTTP routes, declared on the shared route table.
 */
// import { api } from '#start/api'
export {}
