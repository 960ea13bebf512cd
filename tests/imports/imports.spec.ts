/*
 * Catalog import and export over real HTTP against the real database: the
 * per-row report, rejected rows changing nothing, CSV and XLSX alike,
 * idempotent re-import, the export round trip, roles, tenants, and files that
 * are not catalog files at all.
 */
import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import ExcelJS from 'exceljs'
import { CATALOG_FILE_COLUMNS, importJobReportSchema, type ImportIssue } from '@pos/protocols'
import { adminCount, adminRows, asOwner } from '#tests/helpers/db'
import { assertError, bearer, tokenFor } from '#tests/helpers/http'
import {
  catalogState,
  catalogTenant,
  csvFile,
  download,
  ean13,
  finished,
  importFile,
  itemsOf,
  SUGAR_BARCODE,
  uploadMultipart,
  uploadRaw,
  xlsxFile,
  XLSX_TYPE,
  type FileRow,
} from './support.js'

const RICE_1KG_BARCODE = ean13('890123400001')
const RICE_5KG_BARCODE = ean13('890123400002')
/** A 13-digit code whose last digit is not its check digit. */
const BAD_GTIN = (() => {
  const good = ean13('890123400003')
  return `${good.slice(0, 12)}${(Number(good.at(-1)) + 1) % 10}`
})()

/** Rows 2-11 of a file a shop would send: three good rows, seven each wrong in one way. */
const MIXED_ROWS: FileRow[] = [
  {
    sku: 'RICE-1KG',
    name: 'India Gate Basmati 1 kg',
    local_name: 'बासमती चावल 1 किलो',
    product: 'India Gate Basmati',
    variant: 'Size: 1 kg',
    category: 'Staples > Rice',
    hsn: '1006',
    tax_class: 'gst5',
    unit: 'KGS',
    fractional: 'no',
    mrp: '1,234.50',
    price: '1199.00',
    cost: 980,
    barcodes: RICE_1KG_BARCODE,
    reorder_level: 10,
    active: 'yes',
  },
  {
    sku: 'RICE-5KG',
    name: 'India Gate Basmati 5 kg',
    product: 'India Gate Basmati',
    variant: 'Size: 5 kg',
    category: 'staples > rice',
    hsn: '1006',
    tax_class: 'GST5',
    unit: 'kgs',
    mrp: '6,000',
    price: '5,500.00',
    barcodes: RICE_5KG_BARCODE,
  },
  { sku: 'BAD-HSN', name: 'Mystery', category: 'Bad > Category', hsn: '99', tax_class: 'GST5', unit: 'NOS', price: '10' },
  { sku: 'BAD-UNIT', name: 'Cotton cloth', hsn: '5208', tax_class: 'GST5', unit: 'XYZ', price: '10' },
  { sku: 'NEG-PRICE', name: 'Bath soap', hsn: '3401', tax_class: 'GST18', unit: 'PCS', price: '-5.00' },
  { sku: 'RICE-1KG', name: 'Duplicate rice', hsn: '1006', tax_class: 'GST5', unit: 'KGS', price: '1' },
  { sku: 'THIEF-1', name: 'Brown sugar', hsn: '1701', tax_class: 'GST5', unit: 'KGS', price: '60', barcodes: SUGAR_BARCODE },
  { sku: 'BAD-GTIN', name: 'Rock salt', hsn: '2501', tax_class: 'GST5', unit: 'KGS', price: '20', barcodes: BAD_GTIN },
  { sku: 'NO-NAME', name: '', hsn: '0902', tax_class: 'GST5', unit: 'KGS', price: '20' },
  // HSN as a spreadsheet leaves chapter 09 (a number, its leading zero gone).
  { sku: 'TEA-250', name: 'Assam Tea 250 g', variant: '250 g', category: 'Beverages > Tea', hsn: 902, tax_class: 'GST5', unit: 'KGS', fractional: true, price: 145.5, reorder_level: '2.5' },
]

const EXPECTED_ISSUES: ImportIssue[] = [
  { row: 4, column: 'hsn', sku: 'BAD-HSN', reason: 'hsn "99" is not an HSN/SAC code: it must be 4, 6 or 8 digits' },
  { row: 5, column: 'unit', sku: 'BAD-UNIT', reason: 'unknown unit XYZ: use a GST unit code (UQC) such as NOS, PCS, KGS, LTR, BOX, PAC' },
  { row: 6, column: 'price', sku: 'NEG-PRICE', reason: 'price must not be negative' },
  { row: 7, column: 'sku', sku: 'RICE-1KG', reason: 'SKU RICE-1KG is already on row 2; one row per SKU' },
  { row: 8, column: 'barcodes', sku: 'THIEF-1', reason: `barcode ${SUGAR_BARCODE} belongs to SKU SUGAR-1` },
  { row: 9, column: 'barcodes', sku: 'BAD-GTIN', reason: `barcode ${BAD_GTIN} has a wrong check digit (a 13-digit number is a GTIN)` },
  { row: 10, column: 'name', sku: 'NO-NAME', reason: 'name is required for a new item' },
]

const EXPECTED_ITEMS = [
  {
    sku: 'RICE-1KG',
    name: 'India Gate Basmati 1 kg',
    local_name: 'बासमती चावल 1 किलो',
    variant: { Size: '1 kg' },
    mrp: 123_450,
    cost: 98_000,
    reorder: '10.000',
    active: true,
    product: 'India Gate Basmati',
    hsn: '1006',
    unit: 'KGS',
    fractional: false,
    category: 'Rice',
    tax_class: 'GST5',
    price: 119_900,
    barcodes: [RICE_1KG_BARCODE],
  },
  {
    sku: 'RICE-5KG',
    name: 'India Gate Basmati 5 kg',
    local_name: null,
    variant: { Size: '5 kg' },
    mrp: 600_000,
    cost: 0,
    reorder: '0.000',
    active: true,
    product: 'India Gate Basmati',
    hsn: '1006',
    unit: 'KGS',
    fractional: false,
    category: 'Rice',
    tax_class: 'GST5',
    price: 550_000,
    barcodes: [RICE_5KG_BARCODE],
  },
  {
    sku: 'SUGAR-1',
    name: 'Sugar (loose)',
    local_name: null,
    variant: {},
    mrp: null,
    cost: 0,
    reorder: '0.000',
    active: true,
    product: 'Sugar',
    hsn: '1701',
    unit: 'KGS',
    fractional: true,
    category: null,
    tax_class: 'GST5',
    price: null,
    barcodes: [SUGAR_BARCODE],
  },
  {
    sku: 'TEA-250',
    name: 'Assam Tea 250 g',
    local_name: null,
    variant: { label: '250 g' },
    mrp: null,
    cost: 0,
    reorder: '2.500',
    active: true,
    product: 'Assam Tea 250 g',
    hsn: '0902',
    unit: 'KGS',
    fractional: true,
    category: 'Tea',
    tax_class: 'GST5',
    price: 14_550,
    barcodes: [],
  },
]

const categoryNames = async (tenantId: string) =>
  (await adminRows<{ name: string }>('select name from categories where tenant_id = $1 order by name', [tenantId])).map((row) => row.name)

test.group('catalog import: the report and what is saved', () => {
  for (const format of ['csv', 'xlsx'] as const) {
    test(`a ${format.toUpperCase()} with good and bad rows: each bad row named by row, column and reason; good rows saved; bad rows change nothing`, async ({ client, assert }) => {
      const t = await catalogTenant(client)
      const file = format === 'csv' ? csvFile(MIXED_ROWS) : await xlsxFile(MIXED_ROWS)
      const accepted = await uploadMultipart(client, t.managerToken, file, `mixed.${format}`)
      accepted.assertStatus(202)
      assert.deepEqual(Object.keys(accepted.body()).sort(), ['jobId', 'status'])

      const done = await finished(client, t.managerToken, accepted.body().jobId)
      importJobReportSchema.parse(done)
      assert.deepInclude(done.job, {
        status: 'succeeded',
        fileName: `mixed.${format}`,
        format,
        totalRows: 10,
        processedRows: 10,
        accepted: 3,
        created: 3,
        updated: 0,
        unchanged: 0,
        rejected: 7,
        issueCount: 7,
        issuesTruncated: false,
        error: null,
        createdBy: t.manager.id,
      })
      assert.deepEqual(done.issues, EXPECTED_ISSUES)
      assert.deepEqual(done.page, { offset: 0, limit: 500, total: 7 })

      assert.deepEqual(await itemsOf(t.tenantId), EXPECTED_ITEMS)
      // Nothing of the rejected rows: no items, no category of theirs, the barcode stays with its owner.
      assert.deepEqual(await categoryNames(t.tenantId), ['Beverages', 'Rice', 'Staples', 'Tea'])
      assert.equal(await adminCount('products', 'tenant_id = $1', [t.tenantId]), 3)
      assert.equal(await adminCount('barcodes', 'tenant_id = $1 and code = $2', [t.tenantId, BAD_GTIN]), 0)
      // The default price list was made for the first prices.
      assert.deepEqual(await adminRows('select code, is_default from price_lists where tenant_id = $1', [t.tenantId]), [{ code: 'RETAIL', is_default: true }])

      const audit = await adminRows(
        `select action, actor_user_id, data->>'status' as status from audit_log where tenant_id = $1 and subject_id = $2 order by id`,
        [t.tenantId, done.job.id]
      )
      assert.deepEqual(audit, [
        { action: 'catalog.import.started', actor_user_id: t.manager.id, status: null },
        { action: 'catalog.import.finished', actor_user_id: t.manager.id, status: 'succeeded' },
      ])
    })
  }

  test('the report is paged in file order', async ({ client, assert }) => {
    const t = await catalogTenant(client)
    const done = await importFile(client, t.managerToken, csvFile(MIXED_ROWS), 'mixed.csv')
    const page = await client
      .get(`/api/v1/catalog/imports/${done.job.id}`)
      .header('authorization', bearer(t.managerToken))
      .qs({ offset: 2, limit: 3 })
    page.assertStatus(200)
    assert.deepEqual(page.body().issues, EXPECTED_ISSUES.slice(2, 5))
    assert.deepEqual(page.body().page, { offset: 2, limit: 3, total: 7 })
  })

  test('importing the same file again changes nothing and reports the rows as unchanged', async ({ client, assert }) => {
    const t = await catalogTenant(client)
    const first = await importFile(client, t.managerToken, csvFile(MIXED_ROWS), 'mixed.csv')
    assert.equal(first.job.created, 3)
    const before = await catalogState(t.tenantId)

    const again = await importFile(client, t.managerToken, await xlsxFile(MIXED_ROWS), 'mixed-again.xlsx')
    assert.deepInclude(again.job, { status: 'succeeded', created: 0, updated: 0, unchanged: 3, accepted: 3, rejected: 7 })
    assert.deepEqual(again.issues, EXPECTED_ISSUES)
    assert.deepEqual(await catalogState(t.tenantId), before, 'catalog rows (timestamps included) after the second import')
  })

  test('a changed file updates what changed: price, barcodes moved between rows, a product-level column', async ({ client, assert }) => {
    const t = await catalogTenant(client)
    await importFile(client, t.managerToken, csvFile(MIXED_ROWS.slice(0, 2)), 'rice.csv')
    // The 1 kg pack gives its barcode to the 5 kg pack (the row removing it comes first), the price changes,
    // and the product's HSN changes on both of its rows.
    const changed: FileRow[] = [
      { ...MIXED_ROWS[0], hsn: '100630', price: '1,150.00', barcodes: '' },
      { ...MIXED_ROWS[1], hsn: '100630', barcodes: `${RICE_5KG_BARCODE}|${RICE_1KG_BARCODE}` },
    ]
    const done = await importFile(client, t.managerToken, csvFile(changed), 'rice-changed.csv')
    assert.deepInclude(done.job, { created: 0, updated: 2, unchanged: 0, rejected: 0 })
    const items = await itemsOf(t.tenantId)
    const rice = items.filter((item) => item.sku.startsWith('RICE'))
    assert.deepEqual(
      rice.map((item) => ({ sku: item.sku, hsn: item.hsn, price: item.price, barcodes: item.barcodes })),
      [
        { sku: 'RICE-1KG', hsn: '100630', price: 115_000, barcodes: [] },
        { sku: 'RICE-5KG', hsn: '100630', price: 550_000, barcodes: [RICE_1KG_BARCODE, RICE_5KG_BARCODE].sort() },
      ]
    )
  })

  test('a rejected row of an existing item leaves every field of it as it was', async ({ client, assert }) => {
    const t = await catalogTenant(client)
    await importFile(client, t.managerToken, csvFile(MIXED_ROWS.slice(0, 1)), 'rice.csv')
    const before = await catalogState(t.tenantId)
    // A new name, price and barcodes, and one wrong cell (MRP below the price).
    const row: FileRow = { ...MIXED_ROWS[0], name: 'Renamed rice', price: '1,500.00', barcodes: '', mrp: '1,400' }
    const done = await importFile(client, t.managerToken, csvFile([row]), 'rice.csv')
    assert.deepEqual(done.issues, [{ row: 2, column: 'price', sku: 'RICE-1KG', reason: 'price ₹1500.00 is above the MRP ₹1400.00' }])
    assert.deepEqual(await catalogState(t.tenantId), before)
  })

  test('rows of one product that disagree on a product-level column: the later row is refused', async ({ client, assert }) => {
    const t = await catalogTenant(client)
    const rows: FileRow[] = [
      { sku: 'OIL-1L', name: 'Groundnut oil 1 l', product: 'Groundnut oil', hsn: '1508', tax_class: 'GST5', unit: 'LTR', price: '210' },
      { sku: 'OIL-5L', name: 'Groundnut oil 5 l', product: 'Groundnut oil', hsn: '1508', tax_class: 'GST18', unit: 'LTR', price: '990' },
    ]
    const columns = ['sku', 'name', 'product', 'hsn', 'tax_class', 'unit', 'price']
    const done = await importFile(client, t.managerToken, csvFile(rows, columns), 'oil.csv')
    assert.deepEqual(done.issues, [
      {
        row: 3,
        column: 'tax_class',
        sku: 'OIL-5L',
        reason: 'tax_class "GST18" differs from row 2 ("GST5") of the same product "Groundnut oil"; the rows of one product must agree',
      },
    ])
    assert.deepEqual((await itemsOf(t.tenantId)).map((item) => item.sku), ['OIL-1L', 'SUGAR-1'])
  })

  test('a file with some columns only updates those fields and leaves the rest', async ({ client, assert }) => {
    const t = await catalogTenant(client)
    await importFile(client, t.managerToken, csvFile(MIXED_ROWS.slice(0, 1)), 'rice.csv')
    const done = await importFile(client, t.managerToken, Buffer.from('SKU, Price \r\nRICE-1KG,"1,099"\r\n'), 'prices.csv')
    assert.deepInclude(done.job, { updated: 1, rejected: 0 })
    const [rice] = await itemsOf(t.tenantId)
    assert.deepEqual(rice, { ...EXPECTED_ITEMS[0], price: 109_900 })
  })
})

test.group('catalog export', () => {
  test('export → import changes nothing, in CSV and XLSX, for rows the import did not write too', async ({ client, assert }) => {
    const t = await catalogTenant(client)
    await importFile(client, t.managerToken, csvFile(MIXED_ROWS), 'mixed.csv')
    // Rows as other screens may write them: a 3-level category, a variant of two options, an internal
    // 13-digit code without a GS1 check digit, a retired item, a name needing quotes, a store's own price.
    await asOwner(t.tenantId, async (trx) => {
      const [gst18] = await trx.from('tax_classes').where('code', 'GST18').select('id')
      const top = randomUUID()
      const middle = randomUUID()
      const leaf = randomUUID()
      await trx.table('categories').multiInsert([
        { id: top, tenant_id: t.tenantId, name: 'Home' },
        { id: middle, tenant_id: t.tenantId, name: 'Cleaning', parent_id: top },
        { id: leaf, tenant_id: t.tenantId, name: 'Floor', parent_id: middle },
      ])
      const productId = randomUUID()
      const itemId = randomUUID()
      await trx.table('products').insert({ id: productId, tenant_id: t.tenantId, name: 'Floor cleaner, "Lizol"', category_id: leaf, hsn_sac: '34029099', tax_class_id: gst18.id, unit: 'BTL' })
      await trx.table('items').insert({
        id: itemId,
        tenant_id: t.tenantId,
        product_id: productId,
        sku: 'LIZOL-500',
        name: '=Lizol, citrus 500 ml',
        variant: JSON.stringify({ Size: '500 ml', Scent: 'Citrus' }),
        mrp_paise: 12_500,
        cost_paise: 9_050,
        reorder_level: '6',
        active: false,
      })
      await trx.table('barcodes').insert({ tenant_id: t.tenantId, code: '2001234567890', item_id: itemId, kind: 'internal' })
      const [list] = await trx.from('price_lists').where('is_default', true).select('id')
      await trx.table('item_prices').multiInsert([
        { tenant_id: t.tenantId, price_list_id: list.id, item_id: itemId, store_id: null, price_paise: 11_900 },
        { tenant_id: t.tenantId, price_list_id: list.id, item_id: itemId, store_id: t.storeId, price_paise: 11_500 },
      ])
    })
    const before = await catalogState(t.tenantId)

    const csv = await download(t.managerToken, 'csv')
    assert.equal(csv.status, 200)
    assert.equal(csv.type, 'text/csv; charset=utf-8')
    const lines = csv.body.toString('utf8').split('\r\n')
    assert.equal(lines[0], `\uFEFF${CATALOG_FILE_COLUMNS.join(',')}`)
    assert.deepEqual(lines.slice(1).map((line) => line.split(',')[0]), ['LIZOL-500', 'RICE-1KG', 'RICE-5KG', 'SUGAR-1', 'TEA-250', ''])
    assert.include(lines, `RICE-1KG,India Gate Basmati 1 kg,बासमती चावल 1 किलो,India Gate Basmati,Size: 1 kg,Staples > Rice,1006,GST5,KGS,no,1234.50,1199.00,980.00,${RICE_1KG_BARCODE},10,yes`)
    assert.include(lines, `LIZOL-500,"'=Lizol, citrus 500 ml",,"Floor cleaner, ""Lizol""",Size: 500 ml; Scent: Citrus,Home > Cleaning > Floor,34029099,GST18,BTL,no,125.00,119.00,90.50,2001234567890,6,no`)

    const fromCsv = await importFile(client, t.managerToken, csv.body, 'export.csv')
    assert.deepInclude(fromCsv.job, { status: 'succeeded', totalRows: 5, unchanged: 5, created: 0, updated: 0, rejected: 0 })
    assert.deepEqual(await catalogState(t.tenantId), before)

    const xlsx = await download(t.managerToken, 'xlsx')
    assert.equal(xlsx.status, 200)
    assert.equal(xlsx.type, XLSX_TYPE)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer)
    const sheet = workbook.worksheets[0]!
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), [...CATALOG_FILE_COLUMNS])
    assert.equal(sheet.actualRowCount, 6)

    const fromXlsx = await importFile(client, t.managerToken, xlsx.body, 'export.xlsx')
    assert.deepInclude(fromXlsx.job, { status: 'succeeded', totalRows: 5, unchanged: 5, created: 0, updated: 0, rejected: 0 })
    assert.deepEqual(await catalogState(t.tenantId), before)
  })

  test('the template: columns as JSON, and an empty file with the header row', async ({ client, assert }) => {
    const t = await catalogTenant(client)
    const json = await client.get('/api/v1/catalog/import-template').header('authorization', bearer(t.managerToken))
    json.assertStatus(200)
    assert.deepEqual(json.body().columns.map((column: { name: string }) => column.name), [...CATALOG_FILE_COLUMNS])
    assert.equal(json.body().units.KGS, 'Kilograms')
    const csv = await client.get('/api/v1/catalog/import-template').qs({ format: 'csv' }).header('authorization', bearer(t.managerToken))
    csv.assertStatus(200)
    assert.equal(csv.text(), `\uFEFF${CATALOG_FILE_COLUMNS.join(',')}\r\n`)
    const openApi = await client.get('/api/v1/openapi.json')
    const paths = openApi.body().paths
    assert.containsSubset(paths['/api/v1/catalog/imports'].post, { 'x-min-role': 'manager', tags: ['catalog'] })
    assert.properties(paths['/api/v1/catalog/import-template'].get.responses['200'].content['application/json'].schema.properties, ['columns', 'units'])
  })
})

test.group('catalog import: who may, and which tenant sees what', () => {
  test('a cashier can neither import nor export; nothing is recorded', async ({ client, assert }) => {
    const t = await catalogTenant(client)
    const cashierToken = await tokenFor(client, t.cashier)
    assertError(await uploadMultipart(client, cashierToken, csvFile(MIXED_ROWS), 'mixed.csv'), 403, 'E_AUTH_FORBIDDEN')
    const exported = await download(cashierToken, 'csv')
    assert.equal(exported.status, 403)
    assert.equal(await adminCount('catalog_import_jobs', 'tenant_id = $1', [t.tenantId]), 0)
    assert.deepEqual((await itemsOf(t.tenantId)).map((item) => item.sku), ['SUGAR-1'])
  })

  test("tenant B never sees tenant A's job, report or catalog", async ({ client, assert }) => {
    const a = await catalogTenant(client)
    const b = await catalogTenant(client)
    const done = await importFile(client, a.managerToken, csvFile(MIXED_ROWS), 'mixed.csv')
    assertError(await client.get(`/api/v1/catalog/imports/${done.job.id}`).header('authorization', bearer(b.managerToken)), 404, 'E_IMPORT_JOB_NOT_FOUND')
    const listed = await client.get('/api/v1/catalog/imports').header('authorization', bearer(b.managerToken))
    listed.assertStatus(200)
    assert.deepEqual(listed.body().jobs, [])
    const ownList = await client.get('/api/v1/catalog/imports').header('authorization', bearer(a.managerToken))
    assert.deepEqual(ownList.body().jobs.map((job: { id: string }) => job.id), [done.job.id])
    const exported = (await download(b.managerToken, 'csv')).body.toString('utf8')
    assert.notInclude(exported, 'RICE-1KG')
    assert.deepEqual((await itemsOf(b.tenantId)).map((item) => item.sku), ['SUGAR-1'])
  })
})

test.group('catalog import: files that are not catalog files', () => {
  const refusals: Array<{ label: string; file: () => Promise<Buffer> | Buffer; name: string; status: number; code: string }> = [
    { label: 'a PDF', file: () => Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\x00\x00', 'latin1'), name: 'catalog.pdf', status: 415, code: 'E_IMPORT_UNSUPPORTED_FORMAT' },
    { label: 'a PNG named .csv', file: () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), name: 'catalog.csv', status: 415, code: 'E_IMPORT_UNSUPPORTED_FORMAT' },
    { label: 'an old .xls', file: () => Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), name: 'catalog.xls', status: 415, code: 'E_IMPORT_UNSUPPORTED_FORMAT' },
    { label: 'an empty file', file: () => Buffer.alloc(0), name: 'catalog.csv', status: 422, code: 'E_IMPORT_EMPTY_FILE' },
    { label: 'a header and no rows', file: () => csvFile([]), name: 'catalog.csv', status: 422, code: 'E_IMPORT_EMPTY_FILE' },
    { label: 'a header without sku', file: () => csvFile([{ name: 'Rice', price: '10' }], ['name', 'price']), name: 'catalog.csv', status: 422, code: 'E_IMPORT_MISSING_COLUMNS' },
    { label: 'an XLSX header without sku', file: () => xlsxFile([{ name: 'Rice', price: 10 }], ['name', 'price']), name: 'catalog.xlsx', status: 422, code: 'E_IMPORT_MISSING_COLUMNS' },
    { label: 'a misspelt column', file: () => csvFile([{ sku: 'A1' }], ['sku', 'prcie']), name: 'catalog.csv', status: 422, code: 'E_IMPORT_UNKNOWN_COLUMNS' },
    { label: 'a CSV in a Windows code page', file: () => Buffer.from('sku,name\r\nA1,Caf\xe9 latte\r\n', 'latin1'), name: 'catalog.csv', status: 422, code: 'E_IMPORT_ENCODING' },
    { label: 'a damaged workbook', file: async () => (await xlsxFile(MIXED_ROWS)).subarray(0, 1500), name: 'catalog.xlsx', status: 422, code: 'E_IMPORT_UNREADABLE' },
  ]
  for (const refusal of refusals) {
    test(`${refusal.label} is refused with ${refusal.code}; no job is created`, async ({ client, assert }) => {
      const t = await catalogTenant(client)
      assertError(await uploadMultipart(client, t.managerToken, await refusal.file(), refusal.name), refusal.status, refusal.code)
      assert.equal(await adminCount('catalog_import_jobs', 'tenant_id = $1', [t.tenantId]), 0)
    })
  }

  test('raw bodies: XLSX bytes and a small text/csv body are accepted; JSON and a multipart form without a file are refused', async ({ client, assert }) => {
    const t = await catalogTenant(client)
    const xlsx = await uploadRaw(client, t.managerToken, await xlsxFile(MIXED_ROWS.slice(0, 2)), XLSX_TYPE, 'rice.xlsx')
    xlsx.assertStatus(202)
    const fromXlsx = await finished(client, t.managerToken, xlsx.body().jobId)
    assert.deepInclude(fromXlsx.job, { fileName: 'rice.xlsx', format: 'xlsx', created: 2 })

    const csv = await uploadRaw(client, t.managerToken, csvFile(MIXED_ROWS.slice(9)), 'text/csv')
    csv.assertStatus(202)
    const fromCsv = await finished(client, t.managerToken, csv.body().jobId)
    assert.deepInclude(fromCsv.job, { fileName: null, format: 'csv', created: 1 })

    const json = await client.post('/api/v1/catalog/imports').header('authorization', bearer(t.managerToken)).json({ sku: 'A1' })
    assertError(json, 415, 'E_IMPORT_UNSUPPORTED_FORMAT')
    const noFile = await client.post('/api/v1/catalog/imports').header('authorization', bearer(t.managerToken)).field('note', 'no file')
    assertError(noFile, 422, 'E_IMPORT_NO_FILE')
  })

  test('a CSV with a broken quote further down fails its job with a typed error; nothing is saved', async ({ client, assert }) => {
    const t = await catalogTenant(client)
    const good = csvFile(MIXED_ROWS.slice(0, 1)).toString('utf8')
    const broken = Buffer.from(`${good}"UNCLOSED,oops\r\n`, 'utf8')
    const response = await uploadMultipart(client, t.managerToken, broken, 'broken.csv')
    // The upload reads the header and the first row; the job reads the rest (a CSV is counted before any batch).
    response.assertStatus(202)
    const done = await finished(client, t.managerToken, response.body().jobId)
    assert.deepInclude(done.job, { status: 'failed', processedRows: 0, accepted: 0 })
    assert.equal(done.job.error?.code, 'E_IMPORT_UNREADABLE')
    assert.match(done.job.error!.message, /^The CSV cannot be read at line \d+: /)
    assert.deepEqual((await itemsOf(t.tenantId)).map((item) => item.sku), ['SUGAR-1'])
  })
})
