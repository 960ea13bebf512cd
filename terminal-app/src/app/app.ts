import { Component, inject, type OnInit } from '@angular/core'
import { IonApp } from '@ionic/angular'
import { TerminalService } from './core/terminal.service'
import { PairPage } from './pages/pair.page'
import { SellPage } from './pages/sell.page'
import { SignInPage } from './pages/sign-in.page'
import { StationPage } from './pages/station.page'

@Component({
  selector: 'pos-root',
  imports: [IonApp, PairPage, SignInPage, SellPage, StationPage],
  template: `
    <ion-app>
      @switch (t.phase()) {
        @case ('loading') {
          <p class="loading" data-test="loading">Opening the terminal…</p>
        }
        @case ('unpaired') {
          <pos-pair-page />
        }
        @case ('signed-out') {
          <pos-sign-in-page />
        }
        @case ('ready') {
          <pos-sell-page />
        }
        @case ('station') {
          <pos-station-page />
        }
      }
    </ion-app>
  `,
  styles: `.loading { padding: 2rem; }`,
})
export class App implements OnInit {
  protected readonly t = inject(TerminalService)

  ngOnInit(): void {
    this.t.init().catch((error: unknown) => {
      console.error(error)
      this.t.notice.set(`The terminal could not start: ${(error as Error).message}`)
    })
  }
}
