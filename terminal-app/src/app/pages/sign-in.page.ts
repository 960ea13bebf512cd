import { Component, inject, signal } from '@angular/core'
import { FormsModule } from '@angular/forms'
import { IonContent } from '@ionic/angular'
import { TerminalService } from '../core/terminal.service'
import { StatusBar } from '../shared/status-bar'
import { describe } from './pair.page'

/** The cashier signs in on the paired terminal with their own account. */
@Component({
  selector: 'pos-sign-in-page',
  host: { class: 'ion-page' },
  imports: [FormsModule, IonContent, StatusBar],
  template: `
    <pos-status-bar />
    <ion-content>
      <form class="pos-page" (ngSubmit)="signIn()">
        <h1>Cashier sign-in</h1>
        <label class="pos-field">Email or phone
          <input class="pos-input" data-test="login" name="login" [(ngModel)]="login" autocomplete="username" autofocus required />
        </label>
        <label class="pos-field">Password
          <input class="pos-input" data-test="password" name="password" type="password" [(ngModel)]="password" autocomplete="current-password" required />
        </label>
        @if (error(); as message) {
          <p class="pos-error" role="alert" data-test="sign-in-error">{{ message }}</p>
        }
        <button class="pos-button" data-test="sign-in" type="submit" [disabled]="busy()">Sign in</button>
      </form>
    </ion-content>
  `,
})
export class SignInPage {
  private readonly t = inject(TerminalService)
  protected login = ''
  protected password = ''
  protected readonly error = signal<string | null>(null)
  protected readonly busy = signal(false)

  protected async signIn(): Promise<void> {
    this.busy.set(true)
    this.error.set(null)
    try {
      await this.t.signIn(this.login.trim(), this.password)
    } catch (error) {
      this.error.set(describe(error))
    } finally {
      this.busy.set(false)
    }
  }
}
