import { defineConfig, type ViteUserConfig as UserConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

/*
 * The admin app is served by the AdonisJS server under /admin (start/routes/admin_app.ts),
 * so every asset URL starts with /admin/. The shared packages are npm workspaces whose
 * package.json points at their ESM dist/ builds: Vite resolves them through the workspace
 * links like any dependency. In development, API and socket calls go to the server.
 */
export default defineConfig(({ command }) => {
  // A build is always a production build, even when the shell says NODE_ENV=test (as the test
  // runner's does): otherwise React's development build, with Strict Mode's double effects, ships.
  if (command === 'build') process.env.NODE_ENV = 'production'
  return config
})

const config = {
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3333',
      '/socket.io': { target: 'ws://127.0.0.1:3333', ws: true },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.ts', 'src/**/*.spec.tsx'],
  },
} satisfies UserConfig
