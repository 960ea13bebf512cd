import { createHash } from 'node:crypto'
import { BaseSeeder } from '@adonisjs/lucid/seeders'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { gtinCheckDigit } from '@pos/state-machines'
import { DEMO } from './demo_seeder.js'

/*
 * The demo tenant's catalog: a Bengaluru kirana store with a small restaurant
 * counter. GST classes 0/5/12/18/28 and 28% + 12% cess (aerated drinks), HSN
 * codes, MRPs and prices in paise, EAN-13 barcodes with correct check digits,
 * loose goods sold by weight (KGS, fractional) with scale PLUs and a scale label
 * rule (prefix 21, 5-digit PLU, 5-digit weight in grams), dishes routed to the
 * kitchen, tandoor and beverage stations, and two store price overrides.
 *
 * Idempotent: every row has a fixed id or natural key and is inserted with
 * ON CONFLICT DO NOTHING, so running it again adds only what is missing.
 * Runs after demo_seeder.ts (it needs the demo tenant and store).
 */

/** A fixed id per name, so a second run names the same rows. */
function demoId(name: string): string {
  const hex = createHash('sha256').update(`pos-demo-catalog:${name}`).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/** An EAN-13 from a GS1 India company prefix (890...) and an item reference. */
const ean = (body12: string) => body12 + String(gtinCheckDigit(body12))

const TAX_CLASSES = [
  { code: 'GST0', name: 'Nil rated (0%)', rate: '0', cess: '0' },
  { code: 'GST5', name: 'GST 5%', rate: '5', cess: '0' },
  { code: 'GST12', name: 'GST 12%', rate: '12', cess: '0' },
  { code: 'GST18', name: 'GST 18%', rate: '18', cess: '0' },
  // No demo item uses it: kept for the goods a shop may add (appliances, cement...).
  { code: 'GST28', name: 'GST 28%', rate: '28', cess: '0' },
  { code: 'GST28C12', name: 'GST 28% + 12% cess (aerated drinks)', rate: '28', cess: '12' },
] as const

type TaxCode = (typeof TAX_CLASSES)[number]['code']

/** Categories: [key, name, parent key, station route]. Parents first. */
const CATEGORIES: Array<[string, string, string | null, string | null]> = [
  ['grocery', 'Grocery', null, null],
  ['rice', 'Rice & Grains', 'grocery', null],
  ['atta', 'Atta & Flours', 'grocery', null],
  ['dal', 'Dals & Pulses', 'grocery', null],
  ['oil', 'Edible Oils', 'grocery', null],
  ['spices', 'Spices & Masalas', 'grocery', null],
  ['sugar', 'Sugar, Salt & Jaggery', 'grocery', null],
  ['dairy', 'Dairy & Eggs', null, null],
  ['snacks', 'Biscuits & Snacks', null, null],
  ['drinks', 'Beverages', null, null],
  ['personal', 'Personal Care', null, null],
  ['home', 'Home Care', null, null],
  ['veg', 'Fruits & Vegetables', null, null],
  ['restaurant', 'Restaurant', null, null],
  ['south', 'South Indian', 'restaurant', 'kitchen'],
  ['north', 'North Indian', 'restaurant', 'kitchen'],
  ['tandoor', 'Tandoor', 'restaurant', 'tandoor'],
  ['hot', 'Hot Beverages', 'restaurant', 'beverages'],
]

interface SeedItem {
  sku: string
  name: string
  localName?: string
  variant?: Record<string, string>
  mrp: number | null
  price: number
  /** EAN-13 (gtin) or the shop's own code (internal: scale PLU, menu code). */
  code: { kind: 'gtin' | 'internal'; value: string }
}

interface SeedProduct {
  name: string
  localName?: string
  category: string
  hsn: string
  tax: TaxCode
  unit: 'NOS' | 'KGS'
  fractional?: boolean
  items: SeedItem[]
}

const gtin = (body12: string) => ({ kind: 'gtin' as const, value: ean(body12) })
const plu = (code: string) => ({ kind: 'internal' as const, value: code })

/** One item per product unless variants are listed. */
const one = (p: Omit<SeedProduct, 'items'> & Omit<SeedItem, 'name'> & { itemName?: string }): SeedProduct => ({
  name: p.name,
  localName: p.localName,
  category: p.category,
  hsn: p.hsn,
  tax: p.tax,
  unit: p.unit,
  fractional: p.fractional,
  items: [{ sku: p.sku, name: p.itemName ?? p.name, localName: p.localName, mrp: p.mrp, price: p.price, code: p.code }],
})

/** Loose goods weighed at the counter scale: price per kg, the PLU printed on scale labels. */
const loose = (name: string, localName: string, category: string, hsn: string, tax: TaxCode, pricePerKg: number, pluCode: string, sku: string) =>
  one({ name, localName, category, hsn, tax, unit: 'KGS', fractional: true, sku, mrp: null, price: pricePerKg, code: plu(pluCode) })

const PRODUCTS: SeedProduct[] = [
  {
    name: 'India Gate Basmati Rice Classic', category: 'rice', hsn: '1006', tax: 'GST5', unit: 'NOS',
    items: [
      { sku: 'IG-BAS-1KG', name: 'India Gate Basmati Rice Classic 1 kg', variant: { pack: '1 kg' }, mrp: 21_500, price: 19_900, code: gtin('890149100101') },
      { sku: 'IG-BAS-5KG', name: 'India Gate Basmati Rice Classic 5 kg', variant: { pack: '5 kg' }, mrp: 99_500, price: 94_000, code: gtin('890149100105') },
    ],
  },
  one({ name: 'Daawat Rozana Basmati Rice 1 kg', category: 'rice', hsn: '1006', tax: 'GST5', unit: 'NOS', sku: 'DAAWAT-ROZ-1KG', mrp: 11_500, price: 10_900, code: gtin('890608700011') }),
  loose('Sona Masoori Rice (loose)', 'सोना मसूरी चावल', 'rice', '1006', 'GST0', 6_200, '00011', 'LOOSE-RICE-SONA'),
  {
    name: 'Aashirvaad Shudh Chakki Atta', localName: 'आशीर्वाद आटा', category: 'atta', hsn: '1101', tax: 'GST5', unit: 'NOS',
    items: [
      { sku: 'AASH-ATTA-5KG', name: 'Aashirvaad Shudh Chakki Atta 5 kg', variant: { pack: '5 kg' }, mrp: 28_500, price: 27_000, code: gtin('890172501005') },
      { sku: 'AASH-ATTA-10KG', name: 'Aashirvaad Shudh Chakki Atta 10 kg', variant: { pack: '10 kg' }, mrp: 54_500, price: 52_000, code: gtin('890172501010') },
    ],
  },
  one({ name: 'Pillsbury Chakki Fresh Atta 5 kg', category: 'atta', hsn: '1101', tax: 'GST5', unit: 'NOS', sku: 'PILLS-ATTA-5KG', mrp: 26_500, price: 25_500, code: gtin('890117600205') }),
  one({ name: 'Fortune Besan 500 g', category: 'atta', hsn: '1106', tax: 'GST5', unit: 'NOS', sku: 'FORT-BESAN-500', mrp: 7_500, price: 7_200, code: gtin('890600700305') }),
  one({ name: 'Tata Sampann Toor Dal 1 kg', localName: 'तुअर दाल', category: 'dal', hsn: '0713', tax: 'GST5', unit: 'NOS', sku: 'TATA-TOOR-1KG', mrp: 21_000, price: 19_500, code: gtin('890105800401') }),
  one({ name: 'Tata Sampann Moong Dal 1 kg', category: 'dal', hsn: '0713', tax: 'GST5', unit: 'NOS', sku: 'TATA-MOONG-1KG', mrp: 19_000, price: 18_000, code: gtin('890105800402') }),
  loose('Chana Dal (loose)', 'चना दाल', 'dal', '0713', 'GST0', 9_800, '00012', 'LOOSE-CHANA-DAL'),
  loose('Masoor Dal (loose)', 'मसूर दाल', 'dal', '0713', 'GST0', 11_000, '00013', 'LOOSE-MASOOR-DAL'),
  one({ name: 'Fortune Sunlite Refined Sunflower Oil 1 L', category: 'oil', hsn: '1512', tax: 'GST5', unit: 'NOS', sku: 'FORT-SUN-1L', mrp: 18_500, price: 17_500, code: gtin('890600700101') }),
  one({ name: 'Fortune Kachi Ghani Mustard Oil 1 L', category: 'oil', hsn: '1514', tax: 'GST5', unit: 'NOS', sku: 'FORT-MUST-1L', mrp: 19_500, price: 18_500, code: gtin('890600700111') }),
  one({ name: 'Saffola Gold Refined Oil 1 L', category: 'oil', hsn: '1512', tax: 'GST5', unit: 'NOS', sku: 'SAFF-GOLD-1L', mrp: 22_500, price: 21_000, code: gtin('890109000701') }),
  one({ name: 'Parachute Coconut Oil 250 ml', category: 'oil', hsn: '1513', tax: 'GST5', unit: 'NOS', sku: 'PARA-COCO-250', mrp: 11_500, price: 11_000, code: gtin('890109000125') }),
  one({ name: 'Everest Garam Masala 100 g', category: 'spices', hsn: '0910', tax: 'GST5', unit: 'NOS', sku: 'EVER-GARAM-100', mrp: 9_500, price: 9_000, code: gtin('890278600100') }),
  one({ name: 'MDH Chana Masala 100 g', category: 'spices', hsn: '0910', tax: 'GST5', unit: 'NOS', sku: 'MDH-CHANA-100', mrp: 8_500, price: 8_200, code: gtin('890216700100') }),
  one({ name: 'Catch Turmeric Powder 200 g', category: 'spices', hsn: '0910', tax: 'GST5', unit: 'NOS', sku: 'CATCH-HALDI-200', mrp: 6_000, price: 5_700, code: gtin('890155800200') }),
  loose('Sugar (loose)', 'चीनी', 'sugar', '1701', 'GST5', 4_800, '00001', 'LOOSE-SUGAR'),
  one({ name: 'Tata Salt 1 kg', localName: 'टाटा नमक', category: 'sugar', hsn: '2501', tax: 'GST0', unit: 'NOS', sku: 'TATA-SALT-1KG', mrp: 2_800, price: 2_800, code: gtin('890105800001') }),
  loose('Jaggery (loose)', 'गुड़', 'sugar', '1701', 'GST0', 7_000, '00014', 'LOOSE-JAGGERY'),
  {
    name: 'Amul Butter', localName: 'अमूल बटर', category: 'dairy', hsn: '0405', tax: 'GST12', unit: 'NOS',
    items: [
      { sku: 'AMUL-BTR-100', name: 'Amul Butter 100 g', variant: { pack: '100 g' }, mrp: 6_000, price: 6_000, code: gtin('890126200100') },
      { sku: 'AMUL-BTR-500', name: 'Amul Butter 500 g', variant: { pack: '500 g' }, mrp: 28_500, price: 28_500, code: gtin('890126200500') },
    ],
  },
  one({ name: 'Amul Taaza Toned Milk 500 ml', category: 'dairy', hsn: '0401', tax: 'GST0', unit: 'NOS', sku: 'AMUL-TAAZA-500', mrp: 2_800, price: 2_800, code: gtin('890126200201') }),
  one({ name: 'Amul Gold Full Cream Milk 1 L', category: 'dairy', hsn: '0401', tax: 'GST0', unit: 'NOS', sku: 'AMUL-GOLD-1L', mrp: 6_900, price: 6_900, code: gtin('890126200211') }),
  one({ name: 'Amul Masti Dahi 400 g', category: 'dairy', hsn: '0403', tax: 'GST5', unit: 'NOS', sku: 'AMUL-DAHI-400', mrp: 3_500, price: 3_500, code: gtin('890126200301') }),
  one({ name: 'Amul Cheese Slices 200 g', category: 'dairy', hsn: '0406', tax: 'GST12', unit: 'NOS', sku: 'AMUL-CHEESE-200', mrp: 14_500, price: 14_000, code: gtin('890126200401') }),
  one({ name: 'Amul Pure Ghee 1 L', category: 'dairy', hsn: '0405', tax: 'GST12', unit: 'NOS', sku: 'AMUL-GHEE-1L', mrp: 65_000, price: 62_000, code: gtin('890126200601') }),
  one({ name: 'Farm Eggs (tray of 30)', category: 'dairy', hsn: '0407', tax: 'GST0', unit: 'NOS', sku: 'EGGS-TRAY-30', mrp: null, price: 21_000, code: plu('EGG-30') }),
  one({ name: 'Parle-G Biscuits 250 g', category: 'snacks', hsn: '1905', tax: 'GST18', unit: 'NOS', sku: 'PARLEG-250', mrp: 2_500, price: 2_500, code: gtin('890171900250') }),
  one({ name: 'Britannia Good Day Cashew 200 g', category: 'snacks', hsn: '1905', tax: 'GST18', unit: 'NOS', sku: 'BRIT-GOODDAY-200', mrp: 4_500, price: 4_300, code: gtin('890106300200') }),
  one({ name: 'Britannia Marie Gold 250 g', category: 'snacks', hsn: '1905', tax: 'GST18', unit: 'NOS', sku: 'BRIT-MARIE-250', mrp: 3_500, price: 3_400, code: gtin('890106300250') }),
  one({ name: 'Sunfeast Dark Fantasy Choco Fills 75 g', category: 'snacks', hsn: '1905', tax: 'GST18', unit: 'NOS', sku: 'SUNF-DARKF-75', mrp: 4_000, price: 4_000, code: gtin('890172500075') }),
  one({ name: 'Britannia Bread 400 g', category: 'snacks', hsn: '1905', tax: 'GST0', unit: 'NOS', sku: 'BRIT-BREAD-400', mrp: 5_000, price: 5_000, code: gtin('890106300400') }),
  {
    name: 'Maggi 2-Minute Masala Noodles', category: 'snacks', hsn: '1902', tax: 'GST12', unit: 'NOS',
    items: [
      { sku: 'MAGGI-70', name: 'Maggi Masala Noodles 70 g', variant: { pack: 'single' }, mrp: 1_400, price: 1_400, code: gtin('890105800070') },
      { sku: 'MAGGI-280', name: 'Maggi Masala Noodles 280 g (4 pack)', variant: { pack: '4 pack' }, mrp: 5_600, price: 5_400, code: gtin('890105800280') },
    ],
  },
  one({ name: "Haldiram's Aloo Bhujia 400 g", category: 'snacks', hsn: '2106', tax: 'GST12', unit: 'NOS', sku: 'HALDI-BHUJIA-400', mrp: 11_000, price: 10_500, code: gtin('890406300400') }),
  one({ name: "Lay's India's Magic Masala 52 g", category: 'snacks', hsn: '2005', tax: 'GST12', unit: 'NOS', sku: 'LAYS-MAGIC-52', mrp: 2_000, price: 2_000, code: gtin('890149100052') }),
  one({ name: 'Kurkure Masala Munch 90 g', category: 'snacks', hsn: '2106', tax: 'GST12', unit: 'NOS', sku: 'KURKURE-90', mrp: 2_000, price: 2_000, code: gtin('890149100090') }),
  one({ name: 'Cadbury Dairy Milk 50 g', category: 'snacks', hsn: '1806', tax: 'GST18', unit: 'NOS', sku: 'CDM-50', mrp: 5_000, price: 5_000, code: gtin('890123300050') }),
  one({ name: 'Tata Tea Premium 500 g', category: 'drinks', hsn: '0902', tax: 'GST5', unit: 'NOS', sku: 'TATA-TEA-500', mrp: 30_000, price: 28_500, code: gtin('890105800500') }),
  one({ name: 'Bru Instant Coffee 100 g', category: 'drinks', hsn: '2101', tax: 'GST18', unit: 'NOS', sku: 'BRU-INST-100', mrp: 26_000, price: 25_000, code: gtin('890103000100') }),
  one({ name: 'Coca-Cola 750 ml', category: 'drinks', hsn: '2202', tax: 'GST28C12', unit: 'NOS', sku: 'COKE-750', mrp: 4_000, price: 4_000, code: gtin('890176400750') }),
  one({ name: 'Thums Up 750 ml', category: 'drinks', hsn: '2202', tax: 'GST28C12', unit: 'NOS', sku: 'THUMSUP-750', mrp: 4_000, price: 4_000, code: gtin('890176400751') }),
  one({ name: 'Sprite 2 L', category: 'drinks', hsn: '2202', tax: 'GST28C12', unit: 'NOS', sku: 'SPRITE-2L', mrp: 9_500, price: 9_000, code: gtin('890176402000') }),
  one({ name: 'Red Bull Energy Drink 250 ml', category: 'drinks', hsn: '2202', tax: 'GST28C12', unit: 'NOS', sku: 'REDBULL-250', mrp: 12_500, price: 12_500, code: gtin('890200000250') }),
  one({ name: 'Bisleri Mineral Water 1 L', category: 'drinks', hsn: '2201', tax: 'GST18', unit: 'NOS', sku: 'BISLERI-1L', mrp: 2_000, price: 2_000, code: gtin('890435300001') }),
  one({ name: 'Maaza Mango Drink 600 ml', category: 'drinks', hsn: '2202', tax: 'GST12', unit: 'NOS', sku: 'MAAZA-600', mrp: 4_200, price: 4_200, code: gtin('890176400600') }),
  one({ name: 'Lux Soft Glow Soap 100 g', category: 'personal', hsn: '3401', tax: 'GST18', unit: 'NOS', sku: 'LUX-100', mrp: 4_000, price: 3_800, code: gtin('890103000400') }),
  one({ name: 'Lifebuoy Total 10 Soap 125 g', category: 'personal', hsn: '3401', tax: 'GST18', unit: 'NOS', sku: 'LIFEBUOY-125', mrp: 3_800, price: 3_800, code: gtin('890103000412') }),
  one({ name: 'Dettol Original Soap 75 g (pack of 4)', category: 'personal', hsn: '3401', tax: 'GST18', unit: 'NOS', sku: 'DETTOL-75X4', mrp: 20_000, price: 18_500, code: gtin('890200200754') }),
  one({ name: 'Colgate Strong Teeth 200 g', category: 'personal', hsn: '3306', tax: 'GST18', unit: 'NOS', sku: 'COLGATE-ST-200', mrp: 12_000, price: 11_000, code: gtin('890152500200') }),
  one({ name: 'Clinic Plus Shampoo 175 ml', category: 'personal', hsn: '3305', tax: 'GST18', unit: 'NOS', sku: 'CLINIC-175', mrp: 11_500, price: 11_500, code: gtin('890103000175') }),
  one({ name: 'Surf Excel Easy Wash 1 kg', category: 'home', hsn: '3402', tax: 'GST18', unit: 'NOS', sku: 'SURF-EASY-1KG', mrp: 14_500, price: 13_800, code: gtin('890103000901') }),
  one({ name: 'Vim Dishwash Bar 200 g', category: 'home', hsn: '3402', tax: 'GST18', unit: 'NOS', sku: 'VIM-BAR-200', mrp: 2_000, price: 2_000, code: gtin('890103000920') }),
  one({ name: 'Harpic Power Plus 500 ml', category: 'home', hsn: '3402', tax: 'GST18', unit: 'NOS', sku: 'HARPIC-500', mrp: 10_700, price: 10_000, code: gtin('890200200500') }),
  one({ name: 'Good Knight Gold Flash Refill 45 ml', category: 'home', hsn: '3808', tax: 'GST18', unit: 'NOS', sku: 'GK-REFILL-45', mrp: 9_000, price: 8_500, code: gtin('890157100045') }),
  loose('Onion (loose)', 'प्याज़', 'veg', '0703', 'GST0', 4_000, '00021', 'LOOSE-ONION'),
  loose('Potato (loose)', 'आलू', 'veg', '0701', 'GST0', 3_000, '00022', 'LOOSE-POTATO'),
  loose('Tomato (loose)', 'टमाटर', 'veg', '0702', 'GST0', 3_600, '00023', 'LOOSE-TOMATO'),
  loose('Banana Robusta (loose)', 'केला', 'veg', '0803', 'GST0', 6_000, '00024', 'LOOSE-BANANA'),
  // Restaurant counter: a supply of food (SAC 996331) at 5%, routed to its station.
  one({ name: 'Masala Dosa', localName: 'ಮಸಾಲೆ ದೋಸೆ', category: 'south', hsn: '996331', tax: 'GST5', unit: 'NOS', sku: 'R-DOSA-MASALA', mrp: null, price: 9_000, code: plu('R-101') }),
  one({ name: 'Ghee Roast Dosa', category: 'south', hsn: '996331', tax: 'GST5', unit: 'NOS', sku: 'R-DOSA-GHEE', mrp: null, price: 12_000, code: plu('R-102') }),
  one({ name: 'Idli Vada (2 idli, 1 vada)', category: 'south', hsn: '996331', tax: 'GST5', unit: 'NOS', sku: 'R-IDLI-VADA', mrp: null, price: 7_000, code: plu('R-103') }),
  one({ name: 'Paneer Butter Masala', category: 'north', hsn: '996331', tax: 'GST5', unit: 'NOS', sku: 'R-PANEER-BM', mrp: null, price: 22_000, code: plu('R-201') }),
  one({ name: 'Veg Thali', category: 'north', hsn: '996331', tax: 'GST5', unit: 'NOS', sku: 'R-THALI-VEG', mrp: null, price: 18_000, code: plu('R-202') }),
  one({ name: 'Butter Naan', category: 'tandoor', hsn: '996331', tax: 'GST5', unit: 'NOS', sku: 'R-NAAN-BUTTER', mrp: null, price: 6_000, code: plu('R-301') }),
  one({ name: 'Filter Coffee', localName: 'ಫಿಲ್ಟರ್ ಕಾಫಿ', category: 'hot', hsn: '996331', tax: 'GST5', unit: 'NOS', sku: 'R-FILTER-COFFEE', mrp: null, price: 4_000, code: plu('R-401') }),
  one({ name: 'Masala Chai', category: 'hot', hsn: '996331', tax: 'GST5', unit: 'NOS', sku: 'R-MASALA-CHAI', mrp: null, price: 3_000, code: plu('R-402') }),
]

/** The demo store sells these below the tenant-wide price: [sku, price in paise]. */
const STORE_OVERRIDES: Array<[string, number]> = [
  ['COKE-750', 3_800],
  ['AMUL-TAAZA-500', 2_700],
]

/** Scale labels: 21 PPPPP WWWWW C, PLU then the weight in grams. */
const SCALE_RULE = { prefix: '21', kind: 'weight', itemCodeDigits: 5, valueDigits: 5, valueScale: 3 }

export default class DemoCatalogSeeder extends BaseSeeder {
  override async run() {
    await this.client.transaction(async (trx) => {
      await trx.rawQuery(`select set_config('app.tenant_id', ?, true)`, [DEMO.tenantId])
      if (!(await trx.from('tenants').where('id', DEMO.tenantId).first())) {
        throw new Error('The demo tenant does not exist: run database/seeders/demo_seeder.ts first')
      }
      await seed(trx)
    })
  }
}

async function insert(trx: TransactionClientContract, table: string, row: Record<string, unknown>) {
  const columns = Object.keys(row)
  await trx.rawQuery(
    `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')}) on conflict do nothing`,
    Object.values(row) as never
  )
}

async function seed(trx: TransactionClientContract) {
  const tenant_id = DEMO.tenantId
  const taxClassIds = new Map<string, string>()
  for (const taxClass of TAX_CLASSES) {
    const id = demoId(`tax:${taxClass.code}`)
    taxClassIds.set(taxClass.code, id)
    await insert(trx, 'tax_classes', { id, tenant_id, code: taxClass.code, name: taxClass.name })
    await insert(trx, 'tax_class_rates', { tenant_id, tax_class_id: id, effective_from: '2017-07-01', rate_percent: taxClass.rate, cess_percent: taxClass.cess })
  }

  const categoryIds = new Map<string, string>()
  for (const [key, name, parent, stationRoute] of CATEGORIES) {
    const id = demoId(`category:${key}`)
    categoryIds.set(key, id)
    await insert(trx, 'categories', { id, tenant_id, name, parent_id: parent ? categoryIds.get(parent)! : null, station_route: stationRoute })
  }

  const priceListId = demoId('price-list:RETAIL')
  const existingDefault = await trx.from('price_lists').where('is_default', true).first()
  await insert(trx, 'price_lists', { id: priceListId, tenant_id, code: 'RETAIL', name: 'Retail (MRP, tax inclusive)', prices_include_tax: true, is_default: !existingDefault })

  const itemIds = new Map<string, string>()
  for (const product of PRODUCTS) {
    const productId = demoId(`product:${product.name}`)
    await insert(trx, 'products', {
      id: productId,
      tenant_id,
      name: product.name,
      local_name: product.localName ?? null,
      category_id: categoryIds.get(product.category)!,
      hsn_sac: product.hsn,
      tax_class_id: taxClassIds.get(product.tax)!,
      unit: product.unit,
      fractional: product.fractional ?? false,
    })
    for (const item of product.items) {
      const itemId = demoId(`item:${item.sku}`)
      itemIds.set(item.sku, itemId)
      await insert(trx, 'items', {
        id: itemId,
        tenant_id,
        product_id: productId,
        sku: item.sku,
        name: item.name,
        local_name: item.localName ?? null,
        variant: JSON.stringify(item.variant ?? {}),
        mrp_paise: item.mrp,
        cost_paise: Math.round(item.price * 0.85),
        reorder_level: product.fractional ? '10' : '6',
      })
      await insert(trx, 'barcodes', { tenant_id, code: item.code.value, item_id: itemId, kind: item.code.kind })
      await insert(trx, 'item_prices', { tenant_id, price_list_id: priceListId, item_id: itemId, price_paise: item.price })
    }
  }
  for (const [itemSku, price] of STORE_OVERRIDES) {
    await insert(trx, 'item_prices', { tenant_id, price_list_id: priceListId, item_id: itemIds.get(itemSku)!, store_id: DEMO.storeId, price_paise: price })
  }

  // The catalog key of the tenant settings, only when the tenant has none yet (a second run keeps edits).
  const updated = await trx.rawQuery(
    `update tenants set settings = jsonb_set(coalesce(settings, '{}'::jsonb), '{catalog}', ?::jsonb, true)
      where id = ? and settings -> 'catalog' is null`,
    [JSON.stringify({ scaleBarcodeRules: [SCALE_RULE], batchTracking: false }), tenant_id]
  )
  if (updated.rowCount > 0) {
    await insert(trx, 'catalog_changes', { tenant_id, store_id: null, entity: 'settings', entity_key: 'catalog' })
  }
}
