/*
 * Decides, row by row in file order, what a batch of parsed rows does to the
 * catalog: reject the row (with every reason found), or create / update /
 * leave unchanged an item, its product, categories, barcodes and price. Works
 * on a snapshot of the rows the batch touches and keeps it current as rows are
 * accepted, so a later row sees what an earlier one did; the repository then
 * writes the collected changes in one transaction. Pure apart from new ids.
 *
 * A rejected row changes nothing: every check runs before anything is applied.
 */
import { randomUUID } from 'node:crypto'
import { isUqc, type CatalogFileColumn } from '@pos/protocols'
import { isValidGtin } from '@pos/state-machines'
import type { Issue, ParsedRow } from './row_parser.js'
import { CATEGORY_SEPARATOR, formatRupees, sameVariant } from './values.js'

export interface TaxClassRecord {
  id: string
  code: string
  active: boolean
}

export interface CategoryRecord {
  id: string
  parentId: string | null
  name: string
}

export interface ProductRecord {
  id: string
  name: string
  categoryId: string | null
  hsn: string
  taxClassId: string
  unit: string
  fractional: boolean
}

export interface ItemRecord {
  id: string
  sku: string
  productId: string
  name: string
  localName: string | null
  variant: Record<string, unknown>
  mrpPaise: number | null
  costPaise: number
  /** Canonical text (canonicalQuantity). */
  reorderLevel: string
  active: boolean
}

export interface BarcodeRecord {
  code: string
  itemId: string
  kind: 'gtin' | 'internal'
  sku: string
}

/** What the catalog holds for one batch (see catalog_repository.loadSnapshot). */
export interface CatalogSnapshot {
  /** The default price list (null: the tenant has none yet). */
  priceListId: string | null
  taxClasses: TaxClassRecord[]
  categories: CategoryRecord[]
  /** Oldest first: a product name names the oldest product of that name. */
  products: ProductRecord[]
  items: ItemRecord[]
  /** Barcodes of the batch's items and every barcode the batch's rows name. */
  barcodes: BarcodeRecord[]
  /** Tenant-wide prices on the default list of the batch's items. */
  prices: Array<{ itemId: string; pricePaise: number }>
}

export type ProductColumns = { category_id: string | null; hsn_sac: string; tax_class_id: string; unit: string; fractional: boolean }
export type ItemColumns = {
  product_id: string
  name: string
  local_name: string | null
  variant: Record<string, unknown>
  mrp_paise: number | null
  cost_paise: number
  reorder_level: string
  active: boolean
}

/** Everything a batch writes, in the order the repository applies it. */
export interface BatchWrites {
  /** Parents before children. */
  categories: CategoryRecord[]
  newProducts: ProductRecord[]
  productChanges: Map<string, Partial<ProductColumns>>
  newItems: ItemRecord[]
  itemChanges: Map<string, Partial<ItemColumns>>
  removedBarcodes: Array<{ code: string; itemId: string }>
  addedBarcodes: Array<{ code: string; itemId: string; kind: 'gtin' | 'internal' }>
  prices: Map<string, number>
}

export type Outcome = 'created' | 'updated' | 'unchanged' | 'rejected'

/** Product-level values of the first row that named a product, for checking later rows. */
interface ProductFirstRow {
  row: number
  name: string
  values: Partial<Record<'category' | 'hsn' | 'tax_class' | 'unit' | 'fractional', string>>
}

/**
 * What the job remembers across batches: the row of each SKU seen (one row per
 * SKU) and the first row of each product. Additions since the last checkpoint
 * can be undone, for a batch whose transaction failed.
 */
export class JobMemory {
  readonly #skuRows = new Map<string, number>()
  readonly #productRows = new Map<string, ProductFirstRow>()
  #undo: Array<() => void> = []

  skuRow(sku: string) {
    return this.#skuRows.get(sku)
  }

  rememberSku(sku: string, row: number) {
    this.#skuRows.set(sku, row)
    this.#undo.push(() => this.#skuRows.delete(sku))
  }

  productRow(productId: string) {
    return this.#productRows.get(productId)
  }

  rememberProduct(productId: string, first: ProductFirstRow) {
    if (this.#productRows.has(productId)) return
    this.#productRows.set(productId, first)
    this.#undo.push(() => this.#productRows.delete(productId))
  }

  /** The current batch committed: its additions stay. */
  checkpoint() {
    this.#undo = []
  }

  /** The current batch rolled back: forget what it added. */
  rollback() {
    for (const undo of this.#undo.reverse()) undo()
    this.#undo = []
  }
}

const lower = (text: string) => text.toLowerCase()
const ROOT = ''

export class BatchPlanner {
  readonly writes: BatchWrites = {
    categories: [],
    newProducts: [],
    productChanges: new Map(),
    newItems: [],
    itemChanges: new Map(),
    removedBarcodes: [],
    addedBarcodes: [],
    prices: new Map(),
  }

  readonly #memory: JobMemory
  readonly #taxByCode = new Map<string, TaxClassRecord>()
  readonly #taxById = new Map<string, TaxClassRecord>()
  /** parent id ('' for the root) → lower(name) → category. */
  readonly #categories = new Map<string, Map<string, CategoryRecord>>()
  readonly #products = new Map<string, ProductRecord>()
  readonly #productsByName = new Map<string, ProductRecord[]>()
  readonly #items = new Map<string, ItemRecord>()
  readonly #barcodeByCode = new Map<string, BarcodeRecord>()
  readonly #barcodesOfItem = new Map<string, Set<string>>()
  readonly #prices = new Map<string, number>()
  readonly #newId: () => string

  constructor(snapshot: CatalogSnapshot, memory: JobMemory, newId: () => string = randomUUID) {
    this.#memory = memory
    this.#newId = newId
    for (const taxClass of snapshot.taxClasses) {
      this.#taxByCode.set(taxClass.code, taxClass)
      this.#taxById.set(taxClass.id, taxClass)
    }
    for (const category of snapshot.categories) this.#indexCategory(category)
    for (const product of snapshot.products) this.#indexProduct({ ...product })
    for (const item of snapshot.items) this.#items.set(item.sku, { ...item })
    for (const barcode of snapshot.barcodes) this.#indexBarcode({ ...barcode })
    for (const price of snapshot.prices) this.#prices.set(price.itemId, price.pricePaise)
  }

  /** Plans one row: its outcome and, when rejected, every reason. */
  plan(row: ParsedRow): { outcome: Outcome; issues: Issue[] } {
    const sku = row.sku
    if (sku !== null) {
      const first = this.#memory.skuRow(sku)
      if (first !== undefined) {
        return this.#reject([{ row: row.row, column: 'sku', sku, reason: `SKU ${sku} is already on row ${first}; one row per SKU` }])
      }
      this.#memory.rememberSku(sku, row.row)
    }
    if (row.issues.length > 0 || sku === null) return this.#reject(row.issues)

    const v = row.values
    const issues: Issue[] = []
    const add = (column: CatalogFileColumn, reason: string) => issues.push({ row: row.row, column, sku, reason })
    const existing = this.#items.get(sku)
    const current = existing ? this.#products.get(existing.productId) : undefined

    if (!existing && !v.name) add('name', 'name is required for a new item')
    if (!existing && v.pricePaise == null) add('price', 'price is required for a new item')
    const itemName = v.name ?? existing?.name
    if (itemName === undefined) return this.#reject(issues)

    // The product: named by the row (blank: the item name), else the item's own.
    let productName: string | undefined
    if (v.product !== undefined) productName = v.product ?? itemName
    else if (!existing) productName = itemName
    let target: ProductRecord | undefined
    if (productName === undefined || (current && lower(current.name) === lower(productName))) target = current
    else target = this.#productsByName.get(lower(productName))?.[0]
    const creating = target === undefined
    const base = target ?? current

    const taxClass = v.taxClass ? this.#taxByCode.get(v.taxClass) : undefined
    if (v.taxClass && !taxClass) add('tax_class', `no tax class with code ${v.taxClass}; use the code of an existing class`)
    if (taxClass && !taxClass.active && taxClass.id !== target?.taxClassId) add('tax_class', `tax class ${taxClass.code} is retired`)
    if (v.unit && v.unit !== target?.unit && !isUqc(v.unit)) {
      add('unit', `unknown unit ${v.unit}: use a GST unit code (UQC) such as NOS, PCS, KGS, LTR, BOX, PAC`)
    }
    const next = {
      hsn: v.hsn ?? base?.hsn,
      taxClassId: taxClass?.id ?? base?.taxClassId,
      unit: v.unit ?? base?.unit,
      fractional: v.fractional ?? base?.fractional ?? false,
    }
    if (creating) {
      if (!next.hsn) add('hsn', 'hsn is required for a new product')
      if (!next.taxClassId && !v.taxClass) add('tax_class', 'tax_class is required for a new product')
      if (!next.unit) add('unit', 'unit is required for a new product')
    }

    // Rows of one product must agree on its product-level columns.
    const productValues = this.#productValues(row)
    const first = target ? this.#memory.productRow(target.id) : undefined
    if (first && first.row !== row.row) {
      for (const [column, value] of Object.entries(productValues) as Array<[keyof ProductFirstRow['values'], string]>) {
        const earlier = first.values[column]
        if (earlier !== undefined && earlier !== value) {
          add(column, `${column} "${value}" differs from row ${first.row} ("${earlier}") of the same product "${first.name}"; the rows of one product must agree`)
        }
      }
    }

    // Item-level checks, on what changes (data saved before these rules stays importable).
    const currentPrice = existing ? this.#prices.get(existing.id) : undefined
    const currentMrp = existing?.mrpPaise ?? null
    const nextPrice = v.pricePaise ?? currentPrice
    const nextMrp = v.mrpPaise !== undefined ? v.mrpPaise : currentMrp
    const priceTouched = (v.pricePaise != null && v.pricePaise !== currentPrice) || (v.mrpPaise !== undefined && v.mrpPaise !== currentMrp)
    if (priceTouched && nextMrp != null && nextPrice != null && nextPrice > nextMrp) {
      // Selling above the printed MRP is an offence under the Legal Metrology rules.
      add(v.pricePaise != null ? 'price' : 'mrp', `price ₹${formatRupees(nextPrice)} is above the MRP ₹${formatRupees(nextMrp)}`)
    }
    const nextReorder = v.reorderLevel ?? existing?.reorderLevel ?? '0'
    const reorderTouched = (v.reorderLevel !== undefined && v.reorderLevel !== existing?.reorderLevel) || next.fractional !== (target?.fractional ?? false)
    if (reorderTouched && !next.fractional && nextReorder.includes('.')) {
      add('reorder_level', `reorder level ${nextReorder} must be a whole number: the unit is not fractional`)
    }
    for (const barcode of v.barcodes ?? []) {
      const owner = this.#barcodeByCode.get(barcode.code)
      if (owner && owner.itemId !== existing?.id) add('barcodes', `barcode ${barcode.code} belongs to SKU ${owner.sku}`)
      else if (!owner && barcode.gtinShaped && !isValidGtin(barcode.code)) {
        add('barcodes', `barcode ${barcode.code} has a wrong check digit (a ${barcode.code.length}-digit number is a GTIN)`)
      }
    }
    if (issues.length > 0) return this.#reject(issues)

    // Accepted: apply to the snapshot and collect the writes.
    let changed = false
    const categoryId = v.category !== undefined ? this.#category(v.category) : base?.categoryId ?? null
    let product: ProductRecord
    if (creating) {
      product = {
        id: this.#newId(),
        name: productName!,
        categoryId,
        hsn: next.hsn!,
        taxClassId: next.taxClassId!,
        unit: next.unit!,
        fractional: next.fractional,
      }
      this.#indexProduct(product)
      this.writes.newProducts.push(product)
      changed = true
    } else {
      product = target!
      const changes: Partial<ProductColumns> = {}
      if (categoryId !== product.categoryId) changes.category_id = product.categoryId = categoryId
      if (next.hsn !== product.hsn) changes.hsn_sac = product.hsn = next.hsn!
      if (next.taxClassId !== product.taxClassId) changes.tax_class_id = product.taxClassId = next.taxClassId!
      if (next.unit !== product.unit) changes.unit = product.unit = next.unit!
      if (next.fractional !== product.fractional) changes.fractional = product.fractional = next.fractional
      if (Object.keys(changes).length > 0) {
        this.writes.productChanges.set(product.id, { ...this.writes.productChanges.get(product.id), ...changes })
        changed = true
      }
    }
    this.#memory.rememberProduct(product.id, { row: row.row, name: product.name, values: productValues })

    let item: ItemRecord
    if (!existing) {
      item = {
        id: this.#newId(),
        sku,
        productId: product.id,
        name: itemName,
        localName: v.localName ?? null,
        variant: v.variant ?? {},
        mrpPaise: v.mrpPaise ?? null,
        costPaise: v.costPaise ?? 0,
        reorderLevel: v.reorderLevel ?? '0',
        active: v.active ?? true,
      }
      this.#items.set(sku, item)
      this.writes.newItems.push(item)
    } else {
      item = existing
      const changes: Partial<ItemColumns> = {}
      if (product.id !== item.productId) changes.product_id = item.productId = product.id
      if (itemName !== item.name) changes.name = item.name = itemName
      if (v.localName !== undefined && v.localName !== item.localName) changes.local_name = item.localName = v.localName
      if (v.variant !== undefined && !sameVariant(v.variant, item.variant)) changes.variant = item.variant = v.variant
      if (v.mrpPaise !== undefined && v.mrpPaise !== item.mrpPaise) changes.mrp_paise = item.mrpPaise = v.mrpPaise
      if (v.costPaise !== undefined && v.costPaise !== item.costPaise) changes.cost_paise = item.costPaise = v.costPaise
      if (v.reorderLevel !== undefined && v.reorderLevel !== item.reorderLevel) changes.reorder_level = item.reorderLevel = v.reorderLevel
      if (v.active !== undefined && v.active !== item.active) changes.active = item.active = v.active
      if (Object.keys(changes).length > 0) {
        this.writes.itemChanges.set(item.id, { ...this.writes.itemChanges.get(item.id), ...changes })
        changed = true
      }
    }

    if (v.barcodes !== undefined) {
      const wanted = new Set(v.barcodes.map((barcode) => barcode.code))
      const had = this.#barcodesOfItem.get(item.id) ?? new Set<string>()
      for (const code of had) {
        if (wanted.has(code)) continue
        this.writes.removedBarcodes.push({ code, itemId: item.id })
        this.#barcodeByCode.delete(code)
        had.delete(code)
        changed = true
      }
      for (const barcode of v.barcodes) {
        if (had.has(barcode.code)) continue
        const kind = barcode.gtinShaped ? 'gtin' : 'internal'
        this.writes.addedBarcodes.push({ code: barcode.code, itemId: item.id, kind })
        this.#indexBarcode({ code: barcode.code, itemId: item.id, kind, sku })
        changed = true
      }
    }

    if (v.pricePaise != null && v.pricePaise !== currentPrice) {
      this.#prices.set(item.id, v.pricePaise)
      this.writes.prices.set(item.id, v.pricePaise)
      changed = true
    }

    return { outcome: !existing ? 'created' : changed ? 'updated' : 'unchanged', issues: [] }
  }

  /** The row's product-level values as compared between rows (present columns only). */
  #productValues(row: ParsedRow): ProductFirstRow['values'] {
    const v = row.values
    const values: ProductFirstRow['values'] = {}
    if (v.category !== undefined) values.category = (v.category ?? []).join(CATEGORY_SEPARATOR).toLowerCase()
    if (v.hsn) values.hsn = v.hsn
    if (v.taxClass) values.tax_class = v.taxClass
    if (v.unit) values.unit = v.unit
    if (v.fractional !== undefined) values.fractional = v.fractional ? 'yes' : 'no'
    return values
  }

  /** The id of the category at `path`, creating the missing levels (accepted rows only). */
  #category(path: string[] | null): string | null {
    if (path === null) return null
    let parentId: string | null = null
    for (const name of path) {
      let category: CategoryRecord | undefined = this.#categories.get(parentId ?? ROOT)?.get(lower(name))
      if (!category) {
        category = { id: this.#newId(), parentId, name }
        this.#indexCategory(category)
        this.writes.categories.push(category)
      }
      parentId = category.id
    }
    return parentId
  }

  #reject(issues: Issue[]) {
    return { outcome: 'rejected' as const, issues }
  }

  #indexCategory(category: CategoryRecord) {
    const key = category.parentId ?? ROOT
    let level = this.#categories.get(key)
    if (!level) this.#categories.set(key, (level = new Map()))
    level.set(lower(category.name), category)
  }

  #indexProduct(product: ProductRecord) {
    this.#products.set(product.id, product)
    const key = lower(product.name)
    const list = this.#productsByName.get(key)
    if (list) list.push(product)
    else this.#productsByName.set(key, [product])
  }

  #indexBarcode(barcode: BarcodeRecord) {
    this.#barcodeByCode.set(barcode.code, barcode)
    let codes = this.#barcodesOfItem.get(barcode.itemId)
    if (!codes) this.#barcodesOfItem.set(barcode.itemId, (codes = new Set()))
    codes.add(barcode.code)
  }
}
