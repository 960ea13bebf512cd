import { Component, inject, signal } from '@angular/core'
import { FormsModule } from '@angular/forms'
import { IonContent } from '@ionic/angular'
import { TerminalService } from '../core/terminal.service'

/** First run: the device is paired with the manager's one-time code. */
@Component({
  selector: 'pos-pair-page',
  host: { class: 'ion-page' },
  imports: [FormsModule, IonContent],
  template: `
    <ion-content>
      <form class="pos-page" (ngSubmit)="pair()">
        <h1>Pair this device</h1>
        <p>A manager creates a one-time code for this terminal or station in the admin app (valid 10 minutes).</p>
        <label class="pos-field">Pairing code
          <input class="pos-input" data-test="pair-code" name="code" [(ngModel)]="code" autocomplete="off" autofocus required placeholder="ABCD-1234" />
        </label>
        <label class="pos-field">Device name (optional)
          <input class="pos-input" name="name" [(ngModel)]="name" placeholder="Counter 1 tablet" />
        </label>
        <label class="pos-field">Server
          <input class="pos-input" data-test="pair-server" name="server" [(ngModel)]="server" required />
        </label>
        @if (error(); as message) {
          <p class="pos-error" role="alert" data-test="pair-error">{{ message }}</p>
        }
        <button class="pos-button" data-test="pair-submit" type="submit" [disabled]="busy()">Pair</button>
      </form>
    </ion-content>
  `,
})
export class PairPage {
  private readonly t = inject(TerminalService)
  protected code = ''
  protected name = ''
  protected server = location.protocol.startsWith('http') ? location.origin : ''
  protected readonly error = signal<string | null>(null)
  protected readonly busy = signal(false)

  protected async pair(): Promise<void> {
    this.busy.set(true)
    this.error.set(null)
    try {
      await this.t.pair(this.server.trim(), this.code.trim(), this.name.trim() || undefined)
    } catch (error) {
      this.error.set(describe(error))
    } finally {
      this.busy.set(false)
    }
  }
}

export function describe(error: unknown): string {
  const e = error as { code?: string; message?: string }
  return e.code ? `${e.message} (${e.code})` : String(e.message ?? error)
}
