/*
 * The search bench's catalogue: per tenant, products of 4 size variants each,
 * with names built from word lists (brands, descriptors, nouns, invented
 * variety words), Hindi local names for about a third, SKUs, one EAN-13 per
 * item (valid check digit), internal codes for loose goods (scale labels),
 * a tenant-wide price per item, store overrides for some, stock rows for most.
 *
 * Written with set-based INSERT ... SELECT generate_series as the table owner,
 * inside each tenant's own RLS context (FORCE RLS binds the owner too); the
 * search triggers index the items as they are inserted, as they would in use.
 */
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { inTenant } from './fixtures.js'

export const BRANDS = [
  'Amul', 'Britannia', 'Parle', 'Tata', "Haldiram's", 'MDH', 'Everest', 'Aashirvaad', 'Fortune', 'Saffola',
  'Dabur', 'Patanjali', 'Nestle', 'Maggi', 'Cadbury', 'Lays', 'Kurkure', 'Bingo', 'Sunfeast', 'Hershey',
  'Kissan', 'Heinz', 'Ching', 'Catch', 'Eastern', 'Aachi', 'Mother Dairy', 'Nandini', 'Gowardhan', 'Dhara',
  'Surf Excel', 'Ariel', 'Tide', 'Rin', 'Vim', 'Pril', 'Colgate', 'Pepsodent', 'Dove', 'Lux',
  'Lifebuoy', 'Dettol', 'Himalaya', 'Nivea', 'Ponds', 'Vaseline', 'Parachute', 'Clinic Plus', 'Sunsilk', 'Pantene',
  'Bru', 'Nescafe', 'Red Label', 'Taj Mahal', 'Wagh Bakri', 'Society', 'Girnar', 'Tetley', 'Lipton', 'Horlicks',
  'Bournvita', 'Complan', 'Kelloggs', 'Quaker', 'Saffola Masala', 'Yippee', 'Top Ramen', 'Real', 'Tropicana', 'Paper Boat',
  'Bikaji', 'Balaji', 'Priya', 'Mother Recipe', 'Ashoka', 'MTR', 'Gits', 'Sakthi', 'Rajdhani', 'Annapurna',
]

export const DESCRIPTORS = [
  'Premium', 'Classic', 'Gold', 'Lite', 'Organic', 'Masala', 'Spicy', 'Sweet', 'Fresh', 'Select',
  'Pure', 'Natural', 'Extra', 'Royal', 'Special', 'Family', 'Instant', 'Roasted', 'Salted', 'Unsalted',
  'Double', 'Super', 'Active', 'Herbal', 'Golden', 'Rich', 'Creamy', 'Crunchy', 'Tangy', 'Hot',
]

/** Nouns with their GST unit and, for some, a Hindi local name. */
export const NOUNS: Array<[string, string, string | null]> = [
  ['Atta', 'KGS', 'आटा'], ['Basmati Rice', 'KGS', 'बासमती चावल'], ['Sona Masoori Rice', 'KGS', 'चावल'], ['Toor Dal', 'KGS', 'तूर दाल'],
  ['Moong Dal', 'KGS', 'मूंग दाल'], ['Chana Dal', 'KGS', 'चना दाल'], ['Urad Dal', 'KGS', 'उड़द दाल'], ['Masoor Dal', 'KGS', 'मसूर दाल'],
  ['Rajma', 'KGS', 'राजमा'], ['Kabuli Chana', 'KGS', 'काबुली चना'], ['Sugar', 'KGS', 'चीनी'], ['Salt', 'KGS', 'नमक'],
  ['Jaggery', 'KGS', 'गुड़'], ['Tea', 'PAC', 'चाय'], ['Coffee', 'PAC', 'कॉफ़ी'], ['Butter', 'PAC', 'मक्खन'],
  ['Ghee', 'LTR', 'घी'], ['Paneer', 'PAC', 'पनीर'], ['Milk', 'LTR', 'दूध'], ['Curd', 'PAC', 'दही'],
  ['Biscuits', 'PAC', 'बिस्कुट'], ['Cookies', 'PAC', null], ['Namkeen', 'PAC', 'नमकीन'], ['Bhujia', 'PAC', 'भुजिया'],
  ['Tomato Ketchup', 'NOS', null], ['Mixed Fruit Jam', 'NOS', null], ['Honey', 'NOS', 'शहद'], ['Sunflower Oil', 'LTR', 'सूरजमुखी तेल'],
  ['Mustard Oil', 'LTR', 'सरसों का तेल'], ['Groundnut Oil', 'LTR', 'मूंगफली तेल'], ['Coconut Oil', 'LTR', 'नारियल तेल'], ['Soap', 'NOS', 'साबुन'],
  ['Shampoo', 'NOS', null], ['Toothpaste', 'NOS', null], ['Detergent Powder', 'KGS', null], ['Dishwash Bar', 'NOS', null],
  ['Noodles', 'PAC', null], ['Pasta', 'PAC', null], ['Cornflakes', 'PAC', null], ['Oats', 'PAC', 'जई'],
  ['Poha', 'KGS', 'पोहा'], ['Rava', 'KGS', 'रवा'], ['Besan', 'KGS', 'बेसन'], ['Maida', 'KGS', 'मैदा'],
  ['Turmeric Powder', 'PAC', 'हल्दी'], ['Chilli Powder', 'PAC', 'लाल मिर्च'], ['Coriander Powder', 'PAC', 'धनिया'], ['Garam Masala', 'PAC', 'गरम मसाला'],
  ['Jeera', 'PAC', 'जीरा'], ['Mustard Seeds', 'PAC', 'राई'], ['Hing', 'PAC', 'हींग'], ['Elaichi', 'PAC', 'इलायची'],
  ['Chocolate', 'NOS', null], ['Wafers', 'PAC', null], ['Chips', 'PAC', null], ['Rusk', 'PAC', null],
  ['Bread', 'NOS', 'ब्रेड'], ['Cake', 'NOS', null], ['Juice', 'LTR', 'जूस'], ['Soft Drink', 'LTR', null],
  ['Pickle', 'NOS', 'अचार'], ['Papad', 'PAC', 'पापड़'], ['Vermicelli', 'PAC', 'सेवइयां'], ['Sambar Powder', 'PAC', null],
  ['Rasam Powder', 'PAC', null], ['Idli Rava', 'KGS', null], ['Hair Oil', 'NOS', 'बालों का तेल'], ['Face Wash', 'NOS', null],
  ['Body Lotion', 'NOS', null], ['Talc', 'NOS', null], ['Handwash', 'NOS', null], ['Floor Cleaner', 'LTR', null],
  ['Toilet Cleaner', 'LTR', null], ['Agarbatti', 'PAC', 'अगरबत्ती'], ['Matchbox', 'PAC', 'माचिस'], ['Candle', 'PAC', 'मोमबत्ती'],
  ['Tomato Sauce', 'NOS', null], ['Soya Chunks', 'PAC', 'सोया बड़ी'], ['Peanuts', 'KGS', 'मूंगफली'], ['Cashew', 'KGS', 'काजू'],
  ['Almonds', 'KGS', 'बादाम'], ['Raisins', 'KGS', 'किशमिश'], ['Dates', 'KGS', 'खजूर'], ['Walnuts', 'KGS', 'अखरोट'],
]

export const SIZES = ['50 g', '100 g', '200 g', '250 g', '500 g', '1 kg', '2 kg', '5 kg', '100 ml', '200 ml', '500 ml', '1 L', 'Pack of 2', 'Pack of 6', '10 kg']

/** Syllables of the invented variety words (about 20,000 distinct words: a large, realistic vocabulary). */
export const SYLLABLES = [
  'ka', 'ki', 'ku', 'ma', 'mi', 'na', 'ni', 'ra', 'ri', 'sa', 'si', 'ta', 'ti', 'va', 'vi', 'la', 'li', 'pa',
  'pu', 'da', 'de', 'ga', 'go', 'ja', 'ya', 'sha', 'cha', 'dha', 'bha', 'kha', 'ran', 'man', 'lal', 'mor', 'sur',
]

/** Loose goods sold by weight: the first LOOSE_ITEMS items carry internal codes 10000.. (scale labels). */
export const LOOSE_ITEMS = 500
export const SCALE_RULES = [
  { prefix: '21', kind: 'weight', itemCodeDigits: 5, valueDigits: 5, valueScale: 3 },
  { prefix: '22', kind: 'price', itemCodeDigits: 5, valueDigits: 5, valueScale: 2 },
] as const

/** The EAN-13 check digit of 12 digits. */
export function ean13CheckDigit(twelve: string): number {
  let sum = 0
  for (let i = 0; i < 12; i++) sum += Number(twelve[i]) * (i % 2 === 0 ? 1 : 3)
  return (10 - (sum % 10)) % 10
}

/** An item's EAN-13 in tenant `t` (0-based), item number `i` (1-based). */
export function itemEan(t: number, i: number): string {
  const twelve = `890${t}${String(i).padStart(8, '0')}`
  return twelve + ean13CheckDigit(twelve)
}

export interface SearchTenant {
  tenantId: string
  index: number
  storeIds: string[]
  userId: string
  items: number
}

/**
 * Tenants of `items` items each (3 stores; an owner user for tokens), ANALYZEd.
 * `chunk` items per INSERT statement (the search triggers run once per statement).
 */
export async function createSearchFixture(
  ownerUrl: string,
  options: { tenants: number; items: number; chunk?: number },
  log: (message: string) => void
): Promise<{ tenants: SearchTenant[]; insertMs: { items: number[]; total: number } }> {
  const client = new pg.Client({ connectionString: ownerUrl })
  await client.connect()
  const tenants: SearchTenant[] = []
  const itemMs: number[] = []
  const started = performance.now()
  const chunk = options.chunk ?? 20_000
  try {
    for (let t = 0; t < options.tenants; t++) {
      const tenant: SearchTenant = {
        tenantId: randomUUID(),
        index: t,
        storeIds: [randomUUID(), randomUUID(), randomUUID()],
        userId: randomUUID(),
        items: options.items,
      }
      tenants.push(tenant)
      await inTenant(client, tenant.tenantId, () => masters(client, tenant))
      for (let from = 1; from <= options.items; from += chunk) {
        const to = Math.min(options.items, from + chunk - 1)
        const t0 = performance.now()
        await inTenant(client, tenant.tenantId, () => itemsBetween(client, tenant, from, to))
        itemMs.push(performance.now() - t0)
        log(`tenant ${t + 1}/${options.tenants}: items ${from}-${to} (${Math.round(performance.now() - t0)} ms with their search rows)`)
      }
      await inTenant(client, tenant.tenantId, () => pricesAndStock(client, tenant))
    }
    log('ANALYZE')
    await client.query('analyze')
  } finally {
    await client.end()
  }
  return { tenants, insertMs: { items: itemMs.map(Math.round), total: Math.round(performance.now() - started) } }
}

async function masters(client: pg.Client, tenant: SearchTenant) {
  const { tenantId } = tenant
  const settings = { catalog: { scaleBarcodeRules: SCALE_RULES } }
  await client.query(`insert into tenants (id, name, slug, settings) values ($1, $2, $3, $4)`, [
    tenantId,
    `Search bench ${tenant.index + 1}`,
    `search-bench-${tenantId.slice(0, 8)}`,
    JSON.stringify(settings),
  ])
  for (const [s, storeId] of tenant.storeIds.entries()) {
    await client.query(
      `insert into stores (id, tenant_id, code, legal_name, state_code, address_line1, city, pincode)
       values ($1, $2, $3, $4, '29', '1 MG Road', 'Bengaluru', '560001')`,
      [storeId, tenantId, `S${s + 1}`, `Search Bench Store ${s + 1} Pvt Ltd`]
    )
  }
  await client.query(
    `insert into users (id, name, email, password_hash, created_by_tenant) values ($1, 'Bench Owner', $2, 'x', $3)`,
    [tenant.userId, `search-owner-${tenantId.slice(0, 8)}@bench.test`, tenantId]
  )
  await client.query(`insert into memberships (tenant_id, user_id, store_id, role) values ($1, $2, null, 'owner')`, [tenantId, tenant.userId])
  await client.query(
    `insert into tax_classes (tenant_id, code, name) values ($1, 'GST5', 'GST 5%'), ($1, 'GST12', 'GST 12%'), ($1, 'GST18', 'GST 18%')`,
    [tenantId]
  )
  await client.query(`insert into price_lists (tenant_id, code, name, is_default) values ($1, 'RETAIL', 'Retail', true)`, [tenantId])
  // Products: one per 4 items (size variants), names from the word lists.
  const products = Math.ceil(tenant.items / 4)
  await client.query(
    `with tc as (select array_agg(id order by code) ids from tax_classes),
          w as (select $2::text[] brands, $3::text[] descriptors, $4::text[] nouns, $5::text[] units, $6::text[] syllables, $8::text[] locals)
     insert into products (tenant_id, name, local_name, hsn_sac, tax_class_id, unit, fractional)
     select $1, left(concat_ws(' ', w.brands[1 + (p * 31 + 7) % cardinality(w.brands)],
                          case when p % 2 = 0 then w.descriptors[1 + (p * 13 + 3) % cardinality(w.descriptors)] end,
                          case when p % 10 < 6 then initcap(w.syllables[1 + (hashint4(p) & 1023) % cardinality(w.syllables)]
                                                  || w.syllables[1 + (hashint4(p + 1000003) & 1023) % cardinality(w.syllables)]
                                                  || case when p % 3 = 0 then w.syllables[1 + (hashint4(p + 2000003) & 1023) % cardinality(w.syllables)] else '' end) end,
                          w.nouns[1 + (p * 17 + p / cardinality(w.brands)) % cardinality(w.nouns)]), 200),
            nullif(w.locals[1 + (p * 17 + p / cardinality(w.brands)) % cardinality(w.nouns)], ''),
            (array['0401', '0405', '0902', '1006', '1101', '1701', '1905', '2103', '2106', '3305', '3401'])[1 + p % 11],
            tc.ids[1 + p % 3],
            w.units[1 + (p * 17 + p / cardinality(w.brands)) % cardinality(w.nouns)],
            w.units[1 + (p * 17 + p / cardinality(w.brands)) % cardinality(w.nouns)] in ('KGS', 'LTR')
       from generate_series(0, $7::int - 1) p, tc, w
      order by p`,
    [tenantId, BRANDS, DESCRIPTORS, NOUNS.map((n) => n[0]), NOUNS.map((n) => n[1]), SYLLABLES, products, NOUNS.map((n) => n[2] ?? '')]
  )
}

async function itemsBetween(client: pg.Client, tenant: SearchTenant, from: number, to: number) {
  const { tenantId, index } = tenant
  // Item i (1-based) is variant (i - 1) % 4 of product (i - 1) / 4 in creation order.
  await client.query(
    `with p as (select id, name, local_name, row_number() over (order by created_at, id) - 1 as n from products),
          w as (select $4::text[] sizes)
     insert into items (tenant_id, product_id, sku, name, local_name, mrp_paise, cost_paise, active)
     select $1, p.id,
            upper(left(regexp_replace(p.name, '[^A-Za-z]', '', 'g'), 6)) || '-' || lpad(i::text, 6, '0'),
            p.name || ' ' || w.sizes[1 + (p.n + (i - 1) % 4 * 3) % cardinality(w.sizes)],
            case when i % 3 = 0 then p.local_name || ' ' || w.sizes[1 + (p.n + (i - 1) % 4 * 3) % cardinality(w.sizes)] end,
            case when i % 5 = 0 then null else 1000 + (i::bigint * 7919) % 90000 end,
            800 + (i::bigint * 104729) % 70000,
            -- 2% retired (not sellable, never found)
            i % 50 <> 7
       from generate_series($2::int, $3::int) i
       join p on p.n = (i - 1) / 4
       cross join w
      order by i`,
    [tenantId, from, to, SIZES]
  )
  await client.query(
    `insert into barcodes (tenant_id, code, item_id, kind)
     select i.tenant_id, x.code, i.id, 'gtin'
       from items i
       cross join lateral (select '890' || $1::text || lpad(substring(i.sku from '[0-9]+$'), 8, '0') as twelve) t
       cross join lateral (
         select t.twelve || ((10 - (sum(substr(t.twelve, k, 1)::int * case when k % 2 = 0 then 3 else 1 end) % 10)) % 10)::text as code
           from generate_series(1, 12) k) x
      where substring(i.sku from '[0-9]+$')::int between $2 and $3`,
    [String(index), from, to]
  )
  // Loose goods: an internal code (the scale labels' item code) for the first items.
  await client.query(
    `insert into barcodes (tenant_id, code, item_id, kind)
     select tenant_id, (10000 + substring(sku from '[0-9]+$')::int)::text, id, 'internal'
       from items where substring(sku from '[0-9]+$')::int between $1 and least($2, $3::int)`,
    [from, to, LOOSE_ITEMS]
  )
}

async function pricesAndStock(client: pg.Client, tenant: SearchTenant) {
  const [store1, store2] = tenant.storeIds
  // Tenant-wide prices for all, store overrides for 10% (store 1) and 5% (store 2).
  await client.query(
    `insert into item_prices (tenant_id, price_list_id, item_id, store_id, price_paise)
     select i.tenant_id, pl.id, i.id, null, coalesce(i.mrp_paise, 5000) - (hashtext(i.sku) & 255)
       from items i cross join price_lists pl where pl.is_default`
  )
  await client.query(
    `insert into item_prices (tenant_id, price_list_id, item_id, store_id, price_paise)
     select i.tenant_id, pl.id, i.id, s.store_id, coalesce(i.mrp_paise, 5000) - 300 - (hashtext(i.sku) & 127)
       from items i cross join price_lists pl
       cross join (values ($1::uuid, 10), ($2::uuid, 20)) s(store_id, every)
      where pl.is_default and substring(i.sku from '[0-9]+$')::int % s.every = 1`,
    [store1, store2]
  )
  // Stock rows in store 1 for 80% of the items, store 2 for half.
  await client.query(
    `insert into stock_levels (tenant_id, store_id, item_id, on_hand)
     select i.tenant_id, s.store_id, i.id, ((hashtext(i.sku || s.store_id::text) & 65535) % 500)::numeric / 4
       from items i cross join (values ($1::uuid, 5, 4), ($2::uuid, 2, 1)) s(store_id, base, keep)
      where substring(i.sku from '[0-9]+$')::int % s.base < s.keep`,
    [store1, store2]
  )
}
