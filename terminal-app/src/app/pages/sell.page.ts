import { Component, computed, ElementRef, inject, signal, viewChild } from '@angular/core'
import { FormsModule } from '@angular/forms'
import { IonContent } from '@ionic/angular'
import type { LocalItem } from '../core/catalog-store'
import { InrPipe, parseRupees } from '../core/money'
import { TerminalService } from '../core/terminal.service'
import { StatusBar } from '../shared/status-bar'
import { describe } from './pair.page'

type Method = 'cash' | 'upi' | 'card'
const DENOMINATIONS = ['50000', '20000', '10000', '5000', '2000', '1000'] as const

/**
 * The till, usable all day by keyboard alone: the scan/search field keeps the focus (a
 * keyboard-wedge scanner types into it and presses Enter), F4 holds the bill, F8 goes to
 * payment, F9 completes, Esc goes back.
 */
@Component({
  selector: 'pos-sell-page',
  imports: [FormsModule, IonContent, InrPipe, StatusBar],
  host: { class: 'ion-page', '(document:keydown)': 'shortcut($event)' },
  templateUrl: './sell.page.html',
  styleUrl: './sell.page.scss',
})
export class SellPage {
  protected readonly t = inject(TerminalService)
  protected readonly denominations = DENOMINATIONS
  protected readonly scanInput = viewChild<ElementRef<HTMLInputElement>>('scan')
  protected readonly tenderInput = viewChild<ElementRef<HTMLInputElement>>('tenderField')

  protected query = ''
  protected readonly results = signal<LocalItem[]>([])
  protected readonly highlighted = signal(0)
  protected readonly error = signal<string | null>(null)

  protected method: Method = 'cash'
  protected tenderAmount = ''
  protected reference = ''
  protected customerPhone = ''
  protected customerName = ''
  protected billDiscount = ''
  protected floatCounts: Record<string, number> = {}

  protected readonly sale = this.t.sale
  protected readonly phase = computed(() => this.sale()?.phase() ?? 'cart')
  protected readonly floatTotal = signal(0)

  // ------------------------------------------------------------- scan and search

  protected async onScanEnter(): Promise<void> {
    const text = this.query.trim()
    const results = this.results()
    if (text === '') return
    if (results.length > 0 && this.lastSearched === text) {
      await this.add(results[this.highlighted()] ?? results[0]!)
      return
    }
    // A code the catalog knows is a scan; anything else is a search.
    const byCode = await this.t.catalog.byBarcode(text)
    if (byCode !== null) {
      await this.run(() => this.t.addItem(byCode, '1', text))
      this.clearSearch()
      return
    }
    await this.search(text)
    if (this.results().length === 0) this.error.set(`Nothing matches “${text}”`)
  }

  private lastSearched = ''

  protected async search(text = this.query.trim()): Promise<void> {
    this.lastSearched = text
    this.results.set(text === '' ? [] : await this.t.catalog.search(text, 12))
    this.highlighted.set(0)
  }

  protected onScanKey(event: KeyboardEvent): void {
    const count = this.results().length
    if (event.key === 'ArrowDown' && count > 0) {
      this.highlighted.update((i) => (i + 1) % count)
      event.preventDefault()
    } else if (event.key === 'ArrowUp' && count > 0) {
      this.highlighted.update((i) => (i - 1 + count) % count)
      event.preventDefault()
    } else if (event.key === 'Escape') {
      this.clearSearch()
    }
  }

  protected async add(item: LocalItem): Promise<void> {
    await this.run(() => this.t.addItem(item))
    this.clearSearch()
  }

  private clearSearch(): void {
    this.query = ''
    this.lastSearched = ''
    this.results.set([])
    this.focusScan()
  }

  // ------------------------------------------------------------- cart

  protected setQuantity(lineId: string, value: string): Promise<void> {
    return this.run(() => this.t.changeQuantity(lineId, value.trim()))
  }

  protected setDiscount(lineId: string, value: string): Promise<void> {
    const percent = value.trim()
    return this.run(() => this.t.discountLine(lineId, percent === '' || percent === '0' ? null : percent))
  }

  protected remove(lineId: string): Promise<void> {
    return this.run(() => this.t.removeLine(lineId))
  }

  protected applyBillDiscount(): Promise<void> {
    const paise = parseRupees(this.billDiscount === '' ? '0' : this.billDiscount)
    if (paise === null) return Promise.resolve(this.error.set('Type the bill discount in rupees'))
    return this.run(() => this.t.discountBill(paise))
  }

  protected attachCustomer(): Promise<void> {
    const phone = this.customerPhone.trim()
    const name = this.customerName.trim()
    return this.run(() => this.t.attachCustomer({ ...(phone ? { phone } : {}), ...(name ? { name } : {}) }))
  }

  protected hold(): Promise<void> {
    return this.run(() => this.t.hold())
  }

  protected resume(saleId: string): Promise<void> {
    return this.run(() => this.t.resume(saleId))
  }

  // ------------------------------------------------------------- payment

  protected async pay(): Promise<void> {
    await this.run(() => this.t.startTender())
    this.prefillTender()
  }

  protected async backToCart(): Promise<void> {
    await this.run(() => this.t.backToCart())
  }

  protected async addTender(): Promise<void> {
    const paise = parseRupees(this.tenderAmount)
    if (paise === null || paise === 0) {
      this.error.set('Type the amount in rupees')
      return
    }
    const needsReference = this.method !== 'cash'
    if (needsReference && this.reference.trim() === '') {
      this.error.set(this.method === 'upi' ? 'Type the UPI reference (RRN)' : 'Type the card approval code')
      return
    }
    await this.run(() => this.t.addTender(this.method, paise, needsReference ? this.reference.trim() : undefined))
    this.reference = ''
    this.prefillTender()
  }

  protected removeTender(tenderId: string): Promise<void> {
    return this.run(() => this.t.removeTender(tenderId))
  }

  protected async complete(): Promise<void> {
    await this.run(() => this.t.complete())
    this.customerName = ''
    this.customerPhone = ''
    this.billDiscount = ''
    setTimeout(() => document.querySelector<HTMLButtonElement>('[data-test=new-sale]')?.focus())
  }

  protected newSale(): void {
    this.t.receipt.set(null)
    this.focusScan()
  }

  private prefillTender(): void {
    const due = this.sale()?.tenders().remainingDuePaise ?? 0
    this.tenderAmount = due > 0 ? (due / 100).toFixed(2) : ''
    setTimeout(() => this.tenderInput()?.nativeElement.select())
  }

  // ------------------------------------------------------------- shift

  protected updateFloat(): void {
    this.floatTotal.set(Object.entries(this.floatCounts).reduce((sum, [value, count]) => sum + Number(value) * (Number(count) || 0), 0))
  }

  protected async openShift(): Promise<void> {
    const cashCount: Record<string, number> = {}
    for (const [value, count] of Object.entries(this.floatCounts)) if (Number(count) > 0) cashCount[value] = Number(count)
    try {
      await this.t.openShift(cashCount)
      this.focusScan()
    } catch (error) {
      this.error.set(describe(error))
    }
  }

  // ------------------------------------------------------------- keyboard

  protected shortcut(event: KeyboardEvent): void {
    if (event.key === 'F2') {
      this.focusScan()
    } else if (event.key === 'F4') {
      void this.hold()
    } else if (event.key === 'F8' && this.phase() === 'cart') {
      void this.pay()
    } else if (event.key === 'F9' && this.phase() === 'tendering') {
      void this.complete()
    } else if (event.key === 'Escape' && this.phase() === 'tendering') {
      void this.backToCart()
    } else {
      return
    }
    event.preventDefault()
  }

  private focusScan(): void {
    setTimeout(() => this.scanInput()?.nativeElement.focus())
  }

  private async run(action: () => Promise<string | null>): Promise<void> {
    this.error.set(null)
    try {
      const refused = await action()
      if (refused !== null) this.error.set(REASONS[refused] ?? refused)
    } catch (error) {
      this.error.set(describe(error))
    }
  }
}

/** What the cashier reads for the refusals they meet most. */
const REASONS: Record<string, string> = {
  E_ITEM_UNKNOWN_BARCODE: 'Unknown barcode',
  E_ITEM_NO_PRICE: 'This item has no price in this store',
  E_ITEM_NO_RATE: 'This item has no GST rate today',
  E_SALE_DISCOUNT_OVER_LIMIT: 'Discount above your limit: a manager must approve it',
  E_SALE_BILL_DISCOUNT_OVER_LIMIT: 'Bill discount above your limit: a manager must approve it',
  E_SALE_TENDER_EXCEEDS_DUE: 'More than the amount due (only cash can give change)',
  E_SALE_NOT_FULLY_PAID: 'Not fully paid yet',
  E_SALE_CART_EMPTY: 'The bill is empty',
  E_SALE_TENDERS_RECORDED: 'Remove the payments before changing the bill',
  E_SALE_CASH_LIMIT: 'Cash of ₹2,00,000 or more in one sale is not allowed (s.269ST)',
}
