/*
 * The terminal's composition root: its SQLite, the paired device, the socket to the server,
 * the outbox, the local catalog, the cashier, the shift and the till (the current sale, held
 * sales and the last receipt). Screens read its signals and call its methods.
 */
import { computed, Injectable, signal } from '@angular/core'
import { io, type Socket } from 'socket.io-client'
import {
  documentNumber,
  financialYearOf,
  indianDate,
  type SaleEvent,
  type SaleInput,
  type SaleLimits,
  type SaleTender,
} from '@pos/state-machines'
import { ApiClient, ApiError } from './api-client'
import { CatalogStore, type LocalItem } from './catalog-store'
import { DeviceStore, type PairedDevice } from './device-store'
import { shortKey, uuidv7 } from './ids'
import { kvDelete, kvStatement, readKv } from './kv'
import { Outbox, type CommandTransport, type OutboxEntry, type RefusedCommand } from './outbox'
import type { Ack, CommandResult, TerminalSalesSetup } from './protocol-types'
import { SaleSession } from './sale-session'
import { openSqlDatabase, type SqlDatabase, type SqlStatement } from './sql-database'

/** The wire protocol version this app speaks (checked against @pos/protocols in a unit test). */
export const APP_PROTOCOL_VERSION = 1
const COMMAND_TIMEOUT_MS = 15_000
/** Outbox depth reports are coalesced to at most one per second. */
const REPORT_INTERVAL_MS = 1_000
const CATALOG_POLL_MS = 60_000

export interface Cashier {
  id: string
  name: string
  role: 'owner' | 'manager' | 'cashier'
}

export interface OpenShift {
  shiftId: string
  openedAt: string
}

/** Per series (tax invoice, bill of supply) the next number this terminal gives, per financial year. */
interface Series {
  prefix: string
  fyLabel: string
  next: { tax_invoice: number; bill_of_supply: number }
}

export interface Receipt {
  saleId: string
  invoiceNumber: string
  at: string
  offline: boolean
  session: SaleSession
}

export interface SaleRecord {
  saleId: string
  status: string
  invoiceNumber: string | null
  grandTotalPaise: number
  offline: boolean
  serverStatus: 'pending' | 'sent' | 'issued' | 'review'
  serverNumber: string | null
}

export interface StationTicket {
  id: string
  title: string
  lines: string[]
  at: string
  status: 'new' | 'acknowledged'
}

type Phase = 'loading' | 'unpaired' | 'signed-out' | 'ready' | 'station'

@Injectable({ providedIn: 'root' })
export class TerminalService {
  readonly phase = signal<Phase>('loading')
  readonly device = signal<PairedDevice | null>(null)
  readonly connected = signal(false)
  readonly cashier = signal<Cashier | null>(null)
  readonly setup = signal<TerminalSalesSetup | null>(null)
  readonly shift = signal<OpenShift | null>(null)
  readonly catalogCount = signal(0)
  readonly sale = signal<SaleSession | null>(null)
  readonly held = signal<SaleSession[]>([])
  readonly receipt = signal<Receipt | null>(null)
  readonly recent = signal<SaleRecord[]>([])
  readonly stock = signal<Record<string, string>>({})
  readonly notice = signal<string | null>(null)
  readonly tickets = signal<StationTicket[]>([])
  readonly outboxDepth = computed(() => this.#outbox()?.depth() ?? 0)
  readonly reviewCount = computed(() => this.recent().filter((s) => s.serverStatus === 'review').length)

  readonly #outbox = signal<Outbox | null>(null)
  #db: SqlDatabase | null = null
  #devices: DeviceStore | null = null
  #catalog: CatalogStore | null = null
  #api: ApiClient | null = null
  #socket: Socket | null = null
  #reportTimer: ReturnType<typeof setTimeout> | null = null
  /** The depth last sent to the store; null: nothing sent on this connection yet. */
  #reportedDepth: number | null = null
  #lastStoreSeq = 0
  #pollTimer: ReturnType<typeof setInterval> | null = null
  #started: Promise<void> | null = null

  /** Opens the database and, when paired, connects. Safe to call more than once. */
  init(databaseName = 'pos'): Promise<void> {
    this.#started ??= this.#init(databaseName)
    return this.#started
  }

  async #init(databaseName: string): Promise<void> {
    this.#db = await openSqlDatabase(databaseName)
    this.#devices = new DeviceStore(this.#db)
    this.#catalog = new CatalogStore(this.#db)
    const device = await this.#devices.load()
    if (device === null) {
      this.phase.set('unpaired')
      return
    }
    await this.#start(device)
  }

  get catalog(): CatalogStore {
    if (this.#catalog === null) throw new Error('terminal not initialised')
    return this.#catalog
  }

  // ---------------------------------------------------------------- pairing and sign-in

  /** First run: the manager's one-time code makes this device the terminal (or station). */
  async pair(serverUrl: string, code: string, name?: string): Promise<void> {
    const api = new ApiClient(serverUrl)
    const paired = await api.pair({ code, ...(name ? { name } : {}) })
    const device: PairedDevice = {
      serverUrl,
      deviceId: paired.deviceId,
      deviceKey: paired.deviceKey,
      tenantId: paired.tenantId,
      storeId: paired.storeId,
      terminalId: paired.terminalId,
      kind: paired.kind,
    }
    await this.#devices!.save(device)
    await this.#start(device)
  }

  /** The cashier signs in with their own credentials; the terminal records them as its cashier. */
  async signIn(login: string, password: string): Promise<void> {
    const device = this.#requireDevice()
    const api = this.#api!
    const session = await api.login(login, password)
    if (session.scope.role === 'station') throw new ApiError('E_AUTH_FORBIDDEN', 'A station account cannot sell', 403)
    await api.startCashierSession(device.terminalId, session.accessToken)
    const cashier: Cashier = { id: session.user.id, name: session.user.name, role: session.scope.role }
    await this.#db!.write([kvStatement('cashier', cashier)])
    this.cashier.set(cashier)
    this.phase.set('ready')
    await this.#refreshSetup()
  }

  async signOut(): Promise<void> {
    const device = this.#requireDevice()
    await this.#api!.endCashierSession(device.terminalId, device.deviceKey).catch(() => undefined)
    await this.#db!.write([kvDelete('cashier')])
    this.cashier.set(null)
    this.phase.set('signed-out')
  }

  // ---------------------------------------------------------------- shift

  /** Opens the register with the counted float (notes and coins by value in paise). */
  async openShift(cashCount: Record<string, number>): Promise<void> {
    const cashier = this.#requireCashier()
    const shift: OpenShift = { shiftId: uuidv7(), openedAt: new Date().toISOString() }
    await this.#outbox()!.append('shift.open', { shiftId: shift.shiftId, cashierId: cashier.id, cashCount }, [kvStatement('shift', shift)])
    this.shift.set(shift)
  }

  // ---------------------------------------------------------------- the till

  /** A fresh sale for the signed-in cashier (its start goes to the outbox with it). */
  async newSale(): Promise<SaleSession> {
    const device = this.#requireDevice()
    const cashier = this.#requireCashier()
    const setup = this.setup()
    if (setup === null) throw new Error('The terminal has never fetched its sales setup; connect it once')
    const limits: SaleLimits = setup.limits[cashier.role]
    const input: SaleInput = {
      saleId: uuidv7(),
      storeId: device.storeId,
      terminalId: device.terminalId,
      cashierId: cashier.id,
      supplierStateCode: setup.supplierStateCode,
      pricesIncludeTax: setup.pricesIncludeTax,
      composition: setup.composition,
      limits,
    }
    const session = new SaleSession(input)
    const offline = !this.connected()
    await this.#outbox()!.append(
      'sale.start',
      {
        saleId: input.saleId,
        cashierId: cashier.id,
        supplierStateCode: input.supplierStateCode,
        pricesIncludeTax: input.pricesIncludeTax,
        composition: input.composition ?? false,
        limits,
        ...(offline ? { offline: true } : {}),
      },
      [
        {
          sql: `INSERT INTO sales (sale_id, input, events, status, offline, updated_at) VALUES (?, ?, '[]', 'open', ?, ?)`,
          values: [input.saleId, JSON.stringify(input), offline ? 1 : 0, new Date().toISOString()],
        },
      ],
    )
    this.sale.set(session)
    this.receipt.set(null)
    return session
  }

  /** The current sale, started on first use. */
  async currentSale(): Promise<SaleSession> {
    return this.sale() ?? (await this.newSale())
  }

  /** Adds an item (by search or barcode) at its catalog price and today's rate. */
  async addItem(item: LocalItem, quantity = '1', barcode?: string): Promise<string | null> {
    if (item.pricePaise === null) return 'E_ITEM_NO_PRICE'
    if (item.ratePercent === null) return 'E_ITEM_NO_RATE'
    const sale = await this.currentSale()
    const line = {
      lineId: shortKey('L'),
      itemId: item.id,
      sku: item.sku,
      name: item.name,
      hsn: item.hsn,
      quantity,
      unitPricePaise: item.pricePaise,
      ratePercent: item.ratePercent,
      ...(item.cessPercent !== null && item.cessPercent !== '0' ? { cessPercent: item.cessPercent } : {}),
    }
    return this.#dispatch(sale, { type: 'sale.addLine', line }, 'sale.addLine', { line, ...(barcode ? { barcode } : {}) })
  }

  /** Looks a scanned code up in the local catalog and adds the item; null when it was added. */
  async scan(code: string): Promise<string | null> {
    const item = await this.catalog.byBarcode(code)
    if (item === null) return 'E_ITEM_UNKNOWN_BARCODE'
    return this.addItem(item, '1', code.trim())
  }

  changeQuantity(lineId: string, quantity: string): Promise<string | null> {
    return this.#withSale((sale) => this.#dispatch(sale, { type: 'sale.changeQuantity', lineId, quantity }, 'sale.changeQuantity', { lineId, quantity }))
  }

  removeLine(lineId: string): Promise<string | null> {
    return this.#withSale((sale) => this.#dispatch(sale, { type: 'sale.removeLine', lineId }, 'sale.removeLine', { lineId }))
  }

  discountLine(lineId: string, percent: string | null): Promise<string | null> {
    const discount = percent === null ? null : { percent }
    return this.#withSale((sale) => this.#dispatch(sale, { type: 'sale.discountLine', lineId, discount }, 'sale.discountLine', { lineId, discount }))
  }

  discountBill(amountPaise: number): Promise<string | null> {
    return this.#withSale((sale) => this.#dispatch(sale, { type: 'sale.discountBill', amountPaise }, 'sale.discountBill', { amountPaise }))
  }

  attachCustomer(customer: { phone?: string; name?: string; gstin?: string }): Promise<string | null> {
    return this.#withSale((sale) => this.#dispatch(sale, { type: 'sale.attachCustomer', ...customer }, 'sale.attachCustomer', customer))
  }

  /** Puts the current sale aside (held cart) so the till can serve the next customer. */
  async hold(): Promise<string | null> {
    const sale = this.sale()
    if (sale === null) return 'E_SALE_CART_EMPTY'
    const refused = await this.#dispatch(sale, { type: 'sale.park', at: new Date().toISOString() }, 'sale.park', {})
    if (refused !== null) return refused
    this.held.update((list) => [...list, sale])
    this.sale.set(null)
    return null
  }

  async resume(saleId: string): Promise<string | null> {
    const sale = this.held().find((s) => s.saleId === saleId)
    if (sale === undefined) return 'E_SALE_UNKNOWN'
    if (this.sale() !== null && this.sale()!.lines().length > 0) {
      const parked = await this.hold()
      if (parked !== null) return parked
    } else if (this.sale() !== null) {
      await this.voidSale('Empty bill replaced by a held one')
    }
    const refused = await this.#dispatch(sale, { type: 'sale.resume', at: new Date().toISOString() }, 'sale.resume', {})
    if (refused !== null) return refused
    this.held.update((list) => list.filter((s) => s !== sale))
    this.sale.set(sale)
    return null
  }

  startTender(): Promise<string | null> {
    return this.#withSale((sale) => this.#dispatch(sale, { type: 'sale.startTender' }, 'sale.startTender', {}))
  }

  backToCart(): Promise<string | null> {
    return this.#withSale((sale) => this.#dispatch(sale, { type: 'sale.backToCart' }, 'sale.backToCart', {}))
  }

  addTender(method: SaleTender['method'], amountPaise: number, reference?: string): Promise<string | null> {
    const tender: SaleTender = { tenderId: shortKey('T'), method, amountPaise, ...(reference ? { reference } : {}) }
    return this.#withSale((sale) => this.#dispatch(sale, { type: 'sale.addTender', tender }, 'sale.addTender', { tender }))
  }

  removeTender(tenderId: string): Promise<string | null> {
    return this.#withSale((sale) => this.#dispatch(sale, { type: 'sale.removeTender', tenderId }, 'sale.removeTender', { tenderId }))
  }

  /**
   * Completes the paid sale with the next number of this terminal's own series, online or not.
   * Offline, `soldAt` tells the server when the supply happened.
   */
  async complete(): Promise<string | null> {
    const sale = this.sale()
    if (sale === null) return 'E_SALE_CART_EMPTY'
    const at = new Date().toISOString()
    const kind = sale.context().computation?.documentKind ?? 'tax_invoice'
    const series = await this.#series(at)
    const invoiceNumber = documentNumber(kind, series.prefix, series.fyLabel, series.next[kind])
    const offline = !this.connected()
    const nextSeries: Series = { ...series, next: { ...series.next, [kind]: series.next[kind] + 1 } }
    const refused = await this.#dispatch(
      sale,
      { type: 'sale.complete', invoiceNumber, at, ...(offline ? { soldAt: at } : {}) },
      'sale.complete',
      { invoiceNumber, ...(offline ? { soldAt: at } : {}) },
      [kvStatement('series', nextSeries), { sql: 'UPDATE sales SET invoice_number = ?, offline = MAX(offline, ?) WHERE sale_id = ?', values: [invoiceNumber, offline ? 1 : 0, sale.saleId] }],
    )
    if (refused !== null) return refused
    this.receipt.set({ saleId: sale.saleId, invoiceNumber, at, offline, session: sale })
    this.sale.set(null)
    await this.#loadRecent()
    return null
  }

  async voidSale(reason: string): Promise<string | null> {
    const sale = this.sale()
    if (sale === null) return null
    const refused = await this.#dispatch(sale, { type: 'sale.void', reason, at: new Date().toISOString() }, 'sale.void', { reason })
    if (refused === null) this.sale.set(null)
    return refused
  }

  // ---------------------------------------------------------------- station mode

  acknowledgeTicket(id: string): void {
    this.tickets.update((list) => list.map((t) => (t.id === id ? { ...t, status: 'acknowledged' } : t)))
    this.#socket?.emit('station.acknowledge', { commandId: uuidv7(), ticketId: id })
  }

  bumpTicket(id: string): void {
    this.tickets.update((list) => list.filter((t) => t.id !== id))
    this.#socket?.emit('station.bump', { commandId: uuidv7(), ticketId: id })
  }

  // ---------------------------------------------------------------- internals

  async #start(device: PairedDevice): Promise<void> {
    const db = this.#db!
    this.device.set(device)
    this.#api = new ApiClient(device.serverUrl)
    const outbox = new Outbox(db, this.#transport(), {
      onAcked: (entry, result) => this.#acked(entry, result),
      onRefused: (refused) => this.#refused(refused),
    })
    await outbox.init()
    this.#outbox.set(outbox)
    this.cashier.set(await readKv<Cashier>(db, 'cashier'))
    this.setup.set(await readKv<TerminalSalesSetup>(db, 'salesSetup'))
    this.shift.set(await readKv<OpenShift>(db, 'shift'))
    this.#lastStoreSeq = (await readKv<number>(db, 'lastStoreSeq')) ?? 0
    this.catalogCount.set(await this.catalog.count())
    await this.#restoreSales()
    await this.#loadRecent()
    this.phase.set(device.kind === 'station' ? 'station' : this.cashier() === null ? 'signed-out' : 'ready')
    this.#connect(device)
    this.#pollTimer = setInterval(() => void this.#syncCatalog(), CATALOG_POLL_MS)
  }

  #connect(device: PairedDevice): void {
    const socket = io(device.serverUrl, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: (cb) => cb({ protocolVersion: APP_PROTOCOL_VERSION, deviceKey: device.deviceKey, lastStoreSeq: this.#lastStoreSeq }),
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
    })
    this.#socket = socket
    socket.on('connect', () => {
      this.connected.set(true)
      this.notice.set(null)
      void this.#online()
    })
    socket.on('disconnect', () => {
      this.connected.set(false)
      this.#reportedDepth = null
    })
    socket.on('connect_error', (error: Error & { data?: { code?: string; message?: string } }) => {
      this.connected.set(false)
      if (error.data?.code === 'E_DEVICE_REVOKED' || error.data?.code === 'E_DEVICE_KEY_INVALID') {
        this.notice.set(`This device is no longer paired (${error.data.code}). Ask a manager for a new code.`)
      }
    })
    socket.onAny((event: string, fact: { seq?: number; data?: Record<string, unknown> }) => this.#fact(event, fact))
  }

  /** Back online: setup and catalog first (both read-only), then the outbox replays. */
  async #online(): Promise<void> {
    await this.#refreshSetup().catch(() => undefined)
    await this.#syncCatalog()
    await this.#outbox()?.flush()
    this.#reportOutbox()
  }

  #transport(): CommandTransport {
    return {
      isConnected: () => this.#socket?.connected === true,
      send: async (name, payload) => {
        const socket = this.#socket
        // Never let socket.io buffer a command while disconnected: the outbox is the buffer.
        if (socket === null || !socket.connected) throw new Error('disconnected')
        const ack = (await socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck(name, payload)) as Ack<CommandResult>
        queueMicrotask(() => this.#reportOutbox())
        return ack
      },
    }
  }

  /**
   * Tells the store how many commands wait here (the manager sees it on the dashboard).
   * Every report is a command the store actor journals, so reports are coalesced: at most
   * one per REPORT_INTERVAL_MS, and only when the depth changed since the last one sent
   * (a replay of a hundred commands sends a few reports, not a hundred).
   */
  #reportOutbox(): void {
    if (this.#reportTimer !== null) return
    this.#reportTimer = setTimeout(() => {
      this.#reportTimer = null
      const socket = this.#socket
      const depth = this.outboxDepth()
      if (socket === null || !socket.connected || this.device()?.kind !== 'terminal' || depth === this.#reportedDepth) return
      this.#reportedDepth = depth
      socket.timeout(COMMAND_TIMEOUT_MS).emit('terminal.reportOutbox', { commandId: uuidv7(), depth }, () => undefined)
    }, REPORT_INTERVAL_MS)
  }

  async #refreshSetup(): Promise<void> {
    const socket = this.#socket
    const device = this.device()
    if (socket === null || !socket.connected || device === null || device.kind !== 'terminal') return
    const ack = (await socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck('sales.setup', { storeId: device.storeId })) as Ack<TerminalSalesSetup>
    if (!ack.ok) return
    const setup = ack.data
    const writes: SqlStatement[] = [kvStatement('salesSetup', setup)]
    if (setup.terminal !== null) {
      const local = await readKv<Series>(this.#db!, 'series')
      const server = setup.terminal.nextNumbers
      const seqOf = (num: string) => Number(/(\d+)$/.exec(num)?.[1] ?? '1')
      const fromServer: Series = {
        prefix: setup.terminal.invoicePrefix,
        fyLabel: server.fyLabel,
        next: { tax_invoice: seqOf(server.taxInvoice), bill_of_supply: seqOf(server.billOfSupply) },
      }
      // Completions still in the outbox are numbered here but not yet on the server: keep the higher.
      const series =
        local !== null && local.fyLabel === fromServer.fyLabel && local.prefix === fromServer.prefix
          ? { ...fromServer, next: { tax_invoice: Math.max(local.next.tax_invoice, fromServer.next.tax_invoice), bill_of_supply: Math.max(local.next.bill_of_supply, fromServer.next.bill_of_supply) } }
          : fromServer
      writes.push(kvStatement('series', series))
      const openShiftId = setup.terminal.openShiftId
      if (openShiftId !== null && this.shift()?.shiftId !== openShiftId) {
        const shift: OpenShift = { shiftId: openShiftId, openedAt: this.shift()?.openedAt ?? new Date().toISOString() }
        writes.push(kvStatement('shift', shift))
        this.shift.set(shift)
      }
    }
    await this.#db!.write(writes)
    this.setup.set(setup)
  }

  async #series(at: string): Promise<Series> {
    const stored = await readKv<Series>(this.#db!, 'series')
    const prefix = stored?.prefix ?? this.setup()?.terminal?.invoicePrefix
    if (prefix === undefined) throw new Error('The terminal has no invoice series yet; connect it once')
    const fyLabel = financialYearOf(indianDate(at)).label
    // A new financial year starts every series again at 1.
    if (stored === null || stored.fyLabel !== fyLabel) return { prefix, fyLabel, next: { tax_invoice: 1, bill_of_supply: 1 } }
    return stored
  }

  async #syncCatalog(): Promise<void> {
    const device = this.device()
    if (device === null || !this.connected() || device.kind !== 'terminal') return
    try {
      await this.catalog.sync((cursor) => this.#api!.catalogFeed(device.storeId, device.deviceKey, cursor, 500))
      this.catalogCount.set(await this.catalog.count())
    } catch (error) {
      this.notice.set(`Catalog update failed: ${(error as Error).message}`)
    }
  }

  /**
   * Applies an event to a sale locally (the shared machine decides), and queues the command in
   * the same SQLite transaction as the sale's new event list. Returns the refusal code, or null.
   */
  async #dispatch(
    sale: SaleSession,
    event: SaleEvent,
    name: string,
    body: Record<string, unknown>,
    extra: readonly SqlStatement[] = [],
  ): Promise<string | null> {
    const verdict = sale.send(event)
    if (!verdict.ok) return verdict.code
    const status = sale.phase()
    await this.#outbox()!.append(name, { saleId: sale.saleId, ...body }, [
      {
        sql: 'UPDATE sales SET events = ?, status = ?, grand_total_paise = ?, updated_at = ? WHERE sale_id = ?',
        values: [JSON.stringify(sale.events), status, sale.grandTotalPaise(), new Date().toISOString(), sale.saleId],
      },
      ...extra,
    ])
    return null
  }

  async #withSale(work: (sale: SaleSession) => Promise<string | null>): Promise<string | null> {
    const sale = this.sale()
    return sale === null ? 'E_SALE_CART_EMPTY' : work(sale)
  }

  /** After a reload: the open sale and the held ones come back from their recorded events. */
  async #restoreSales(): Promise<void> {
    const rows = await this.#db!.query<{ sale_id: string; input: string; events: string; status: string }>(
      `SELECT sale_id, input, events, status FROM sales WHERE status IN ('cart', 'parked', 'tendering', 'open') ORDER BY updated_at`,
    )
    const held: SaleSession[] = []
    let current: SaleSession | null = null
    for (const row of rows) {
      const session = new SaleSession(JSON.parse(row.input) as SaleInput, JSON.parse(row.events) as SaleEvent[])
      if (session.phase() === 'parked') held.push(session)
      else current = session
    }
    this.held.set(held)
    this.sale.set(current)
  }

  async #loadRecent(): Promise<void> {
    const rows = await this.#db!.query<{
      sale_id: string
      status: string
      invoice_number: string | null
      grand_total_paise: number
      offline: number
      server_status: SaleRecord['serverStatus']
      server_number: string | null
    }>(`SELECT * FROM sales WHERE status IN ('completed', 'voided') ORDER BY updated_at DESC LIMIT 50`)
    this.recent.set(
      rows.map((r) => ({
        saleId: r.sale_id,
        status: r.status,
        invoiceNumber: r.invoice_number,
        grandTotalPaise: Number(r.grand_total_paise),
        offline: Number(r.offline) === 1,
        serverStatus: r.server_status,
        serverNumber: r.server_number,
      })),
    )
  }

  async #acked(entry: OutboxEntry, _result: CommandResult): Promise<void> {
    if (entry.name === 'sale.complete') {
      await this.#db!.write([{ sql: `UPDATE sales SET server_status = 'sent' WHERE sale_id = ? AND server_status = 'pending'`, values: [entry.payload['saleId']] }])
      await this.#loadRecent()
    }
  }

  /** The server disagreed: the sale stands as sold here; it is marked as sent for review. */
  async #refused(refused: RefusedCommand): Promise<void> {
    const saleId = refused.payload['saleId']
    if (typeof saleId === 'string') {
      await this.#db!.write([{ sql: `UPDATE sales SET server_status = 'review' WHERE sale_id = ?`, values: [saleId] }])
      await this.#loadRecent()
    }
    this.notice.set(`The server did not accept ${refused.name} (${refused.error.code}); the sale stands and was sent for review.`)
  }

  #fact(event: string, fact: { seq?: number; data?: Record<string, unknown> }): void {
    if (typeof fact?.seq === 'number' && fact.seq > this.#lastStoreSeq) {
      this.#lastStoreSeq = fact.seq
      void this.#db?.write([kvStatement('lastStoreSeq', fact.seq)])
    }
    const data = fact?.data ?? {}
    const device = this.device()
    switch (event) {
      case 'invoice.issued': {
        if (device === null || data['terminalId'] !== device.terminalId) return
        const review = (Array.isArray(data['reviewItemIds']) && data['reviewItemIds'].length > 0) || data['number'] !== data['proposedNumber']
        void this.#db!.write([
          { sql: 'UPDATE sales SET server_status = ?, server_number = ? WHERE sale_id = ?', values: [review ? 'review' : 'issued', String(data['number']), String(data['saleId'])] },
        ]).then(() => this.#loadRecent())
        return
      }
      case 'stock.changed':
        this.stock.update((s) => ({ ...s, [String(data['itemId'])]: String(data['onHand']) }))
        return
      case 'shift.opened':
        if (device !== null && data['terminalId'] === device.terminalId) {
          const shift: OpenShift = { shiftId: String(data['shiftId']), openedAt: String(data['at']) }
          this.shift.set(shift)
          void this.#db!.write([kvStatement('shift', shift)])
        }
        return
      case 'shift.closed':
        if (device !== null && data['terminalId'] === device.terminalId) {
          this.shift.set(null)
          void this.#db!.write([kvDelete('shift')])
        }
        return
      case 'cashier.signedOut':
        if (device !== null && data['terminalId'] === device.terminalId && data['cashierId'] === this.cashier()?.id) {
          this.notice.set('The cashier was signed out from the back office.')
        }
        return
      case 'station.ticketPushed':
        if (device?.kind === 'station') {
          const ticket = data as unknown as Omit<StationTicket, 'status'>
          this.tickets.update((list) => [...list.filter((t) => t.id !== ticket.id), { ...ticket, status: 'new' }])
        }
        return
      default:
        return
    }
  }

  #requireDevice(): PairedDevice {
    const device = this.device()
    if (device === null) throw new Error('This device is not paired')
    return device
  }

  #requireCashier(): Cashier {
    const cashier = this.cashier()
    if (cashier === null) throw new Error('No cashier is signed in')
    return cashier
  }
}
