import { provideBrowserGlobalErrorListeners, type ApplicationConfig } from '@angular/core'
import { provideIonicAngular } from '@ionic/angular'

export const appConfig: ApplicationConfig = {
  providers: [provideBrowserGlobalErrorListeners(), provideIonicAngular({ mode: 'md' })],
}
