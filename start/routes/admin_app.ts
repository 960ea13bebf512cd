/*
 * Serves the built admin app (admin-app/dist) under /admin.
 */
export {}
