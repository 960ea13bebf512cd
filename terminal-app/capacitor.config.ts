import type { CapacitorConfig } from '@capacitor/cli'

// The Android bundle is built with `ng build --configuration android` (base href `/`); the web
// build under /terminal/ is served by the POS server.
const config: CapacitorConfig = {
  appId: 'in.pos.terminal',
  appName: 'POS Terminal',
  webDir: 'www/browser',
  android: { allowMixedContent: false },
  plugins: {
    CapacitorSQLite: {
      androidIsEncryption: false,
      androidBiometric: { biometricAuth: false },
    },
  },
}

export default config
