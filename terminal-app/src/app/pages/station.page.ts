import { Component, inject } from '@angular/core'
import { IonContent } from '@ionic/angular'
import { TerminalService } from '../core/terminal.service'
import { StatusBar } from '../shared/status-bar'

/** Station mode: tickets pushed to this kitchen/print station, acknowledged and bumped. */
@Component({
  selector: 'pos-station-page',
  host: { class: 'ion-page' },
  imports: [IonContent, StatusBar],
  template: `
    <pos-status-bar />
    <ion-content>
      <main class="tickets">
        @for (ticket of t.tickets(); track ticket.id) {
          <article class="ticket" [class.new]="ticket.status === 'new'" data-test="ticket">
            <h2>{{ ticket.title }}</h2>
            <ul>
              @for (line of ticket.lines; track $index) {
                <li>{{ line }}</li>
              }
            </ul>
            @if (ticket.status === 'new') {
              <button class="pos-button" (click)="t.acknowledgeTicket(ticket.id)">Acknowledge</button>
            }
            <button class="pos-button secondary" (click)="t.bumpTicket(ticket.id)">Bump</button>
          </article>
        } @empty {
          <p class="empty">No tickets. New ones appear here as they are pushed.</p>
        }
      </main>
    </ion-content>
  `,
  styles: `
    .tickets { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 1rem; padding: 1rem; }
    .ticket { border: 1px solid var(--pos-border); border-radius: 8px; padding: 0.75rem; display: grid; gap: 0.5rem; }
    .ticket.new { border-color: #e37400; box-shadow: 0 0 0 2px #e37400; }
    .empty { padding: 2rem; color: var(--pos-muted); }
  `,
})
export class StationPage {
  protected readonly t = inject(TerminalService)
}
