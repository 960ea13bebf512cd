import { Component, inject } from '@angular/core'
import { IonBadge, IonHeader, IonTitle, IonToolbar } from '@ionic/angular'
import { TerminalService } from '../core/terminal.service'

/** Always on screen: online or offline, and how many commands wait to be sent. */
@Component({
  selector: 'pos-status-bar',
  imports: [IonHeader, IonToolbar, IonTitle, IonBadge],
  template: `
    <ion-header>
      <ion-toolbar [color]="t.connected() ? 'success' : 'danger'">
        <ion-title>
          <span data-test="connection" role="status" aria-live="polite">
            @if (t.connected()) {
              Online
            } @else {
              OFFLINE — selling continues, invoices are numbered on this terminal
            }
          </span>
        </ion-title>
        <div slot="end" class="end">
          <span>Waiting to send: <ion-badge data-test="outbox-depth" [color]="t.outboxDepth() > 0 ? 'warning' : 'light'">{{ t.outboxDepth() }}</ion-badge></span>
          @if (t.reviewCount() > 0) {
            <span>Sent for review: <ion-badge color="warning" data-test="review-count">{{ t.reviewCount() }}</ion-badge></span>
          }
          @if (t.cashier(); as cashier) {
            <span data-test="cashier">{{ cashier.name }}</span>
          }
        </div>
      </ion-toolbar>
      @if (t.notice(); as notice) {
        <div class="notice" role="alert">{{ notice }}</div>
      }
    </ion-header>
  `,
  styles: `
    .end { display: flex; gap: 1.25rem; align-items: center; padding-right: 1rem; color: inherit; }
    .notice { background: #fff4e5; color: #5f370e; padding: 0.4rem 1rem; }
  `,
})
export class StatusBar {
  protected readonly t = inject(TerminalService)
}
