/*
 * Creates the two database roles and (optionally) a database, as a superuser.
 * In production the same is done once by infrastructure code; here it serves
 * `npm test` (a fresh test database each run) and the embedded `npm start`.
 *
 *   pos_owner  owns the tables; migrations run as it
 *   pos_app    what the application logs in as: NOSUPERUSER NOBYPASSRLS, owns nothing
 */
import pg from 'pg'

export const OWNER_ROLE = 'pos_owner'
export const APP_ROLE = 'pos_app'

export async function ensureRoles(client) {
  await client.query(`
    do $$ begin
      if not exists (select from pg_roles where rolname = '${OWNER_ROLE}') then
        create role ${OWNER_ROLE} login;
      end if;
      if not exists (select from pg_roles where rolname = '${APP_ROLE}') then
        create role ${APP_ROLE} login nosuperuser nobypassrls nocreatedb nocreaterole;
      end if;
    end $$;
  `)
}

export async function prepareSchema(client, { owner = true } = {}) {
  await client.query('create extension if not exists pgcrypto')
  await client.query('create extension if not exists pg_trgm')
  await client.query(`grant usage on schema public to ${APP_ROLE}`)
  if (owner) await client.query(`grant all on schema public to ${OWNER_ROLE}`)
}

/** Drops and recreates `database`, owned by pos_owner, and prepares its schema. */
export async function recreateDatabase(adminUrl, database) {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`bad database name ${database}`)
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await ensureRoles(admin)
    await admin.query(`drop database if exists ${database} with (force)`)
    await admin.query(`create database ${database} owner ${OWNER_ROLE}`)
  } finally {
    await admin.end()
  }
  const url = new URL(adminUrl)
  url.pathname = `/${database}`
  const inDb = new pg.Client({ connectionString: url.toString() })
  await inDb.connect()
  try {
    await prepareSchema(inDb)
  } finally {
    await inDb.end()
  }
}

/** The URL of `database` on the same server as `adminUrl`, logging in as `role`. */
export function urlFor(adminUrl, database, role) {
  const url = new URL(adminUrl)
  url.username = role
  url.password = ''
  url.pathname = `/${database}`
  return url.toString()
}
