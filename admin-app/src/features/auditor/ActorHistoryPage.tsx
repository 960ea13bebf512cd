import { useEffect, useMemo, useState } from 'react'
import type { JournalEntry, Store } from '@pos/protocols'
import { Link } from '../../app/router.tsx'
import { useApi } from '../auth/session-context.tsx'
import { loadDirectory, type Directory } from '../stores/stores.api.ts'
import { useLoad } from '../../shared/ui/hooks.ts'
import { ErrorNote, Loading } from '../../shared/ui/Status.tsx'
import { formatDateTime, shortId } from '../../shared/ui/format.ts'
import { diffContext } from './context-diff.ts'
import { DiffList } from './DiffList.tsx'
import { historyApi } from './history.api.ts'
import { exportFileName, historyToCsv, historyToJson } from './history-export.ts'
import { NO_FILTER, SYSTEM_SENDER, eventTypeOf, filterEntries, filterOptions, type HistoryFilter } from './history-filter.ts'
import { machineFor, replayAt, replayHistory, type Replay } from './replay.ts'
import { Statechart } from './Statechart.tsx'
import { formatStateValue } from './statechart-layout.ts'

/** One actor's journal: a timeline of its transitions, its statechart, and a replay in the browser. */
export function ActorHistoryPage({ store, kind, actorId }: { store: Store; kind: string; actorId: string }) {
  const api = useApi()
  const data = useLoad(async () => {
    const [history, directory] = await Promise.all([historyApi.history(api, kind, actorId), loadDirectory(api, store.id)])
    return { ...history, directory }
  }, [api, kind, actorId, store.id])

  if (data.status === 'loading') return <Loading what="the history" />
  if (data.status === 'failed') return <ErrorNote error={data.error} />
  return <HistoryView store={store} kind={kind} actorId={actorId} entries={data.data.entries} truncated={data.data.truncated} directory={data.data.directory} />
}

function HistoryView({
  store,
  kind,
  actorId,
  entries,
  truncated,
  directory,
}: {
  store: Store
  kind: string
  actorId: string
  entries: JournalEntry[]
  truncated: boolean
  directory: Directory
}) {
  const machine = machineFor(kind)
  const replay = useMemo(() => (machine ? replayHistory(machine, kind, entries) : null), [machine, kind, entries])
  const [filter, setFilter] = useState<HistoryFilter>(NO_FILTER)
  const shown = useMemo(() => filterEntries(entries, filter), [entries, filter])
  // The replay cursor: how many recorded transitions have been applied (the last one: all of them).
  const stepCount = replay?.steps.length ?? 0
  const [cursor, setCursor] = useState(stepCount)
  const [playing, setPlaying] = useState(false)

  useEffect(() => {
    if (!playing) return
    if (cursor >= stepCount) {
      setPlaying(false)
      return
    }
    const timer = window.setTimeout(() => setCursor((c) => c + 1), 700)
    return () => window.clearTimeout(timer)
  }, [playing, cursor, stepCount])

  const userLabel = (id: string | null) => (id ? (directory.userName(id) ?? `user ${shortId(id)}`) : null)
  const deviceLabel = (id: string | null) => (id ? (directory.deviceName(id) ?? `device ${shortId(id)}`) : null)
  const title =
    kind === 'store' ? (store.tradeName ?? store.legalName) : kind === 'terminal' ? (directory.terminalName(actorId) ?? shortId(actorId)) : shortId(actorId)
  const seqAtCursor = replay && cursor > 0 ? replay.steps[cursor - 1]?.seq : undefined

  const download = (extension: 'json' | 'csv') => {
    const text =
      extension === 'json'
        ? historyToJson(kind, actorId, shown, filter, new Date().toISOString())
        : historyToCsv(shown, {
            users: new Map(directory.users.map((u) => [u.id, u.name])),
            devices: new Map(directory.devices.map((d) => [d.id, d.name])),
          })
    const blob = new Blob([text], { type: extension === 'json' ? 'application/json' : 'text/csv;charset=utf-8' })
    const url = URL.createObjectURL(blob)
    const link = document.createElement('a')
    link.href = url
    link.download = exportFileName(kind, actorId, extension)
    link.click()
    setTimeout(() => URL.revokeObjectURL(url), 1000)
  }

  return (
    <section className="page history">
      <header className="page-head">
        <h1>
          <Link to={{ name: 'actors', storeId: store.id }}>History</Link> / {kind} · {title}
        </h1>
        <span className="muted mono small">{actorId}</span>
        <span className="spacer" />
        <button type="button" onClick={() => download('json')} data-testid="export-json">
          Export JSON
        </button>
        <button type="button" onClick={() => download('csv')} data-testid="export-csv">
          Export CSV
        </button>
      </header>
      {truncated && <p className="error">This history is longer than the app loads at once; the newest transitions are not shown.</p>}

      {machine && replay ? (
        <ReplayPanel
          replay={replay}
          machine={machine}
          cursor={cursor}
          setCursor={(n) => {
            setPlaying(false)
            setCursor(n)
          }}
          playing={playing}
          setPlaying={setPlaying}
          recorded={entries}
        />
      ) : (
        <p className="muted">The app has no machine definition for “{kind}”, so it can show this history but not draw or replay it.</p>
      )}

      <Filters entries={entries} filter={filter} setFilter={setFilter} userLabel={userLabel} deviceLabel={deviceLabel} />
      <p className="muted small" data-testid="timeline-count">
        {shown.length} of {entries.length} transitions
      </p>
      <ol className="timeline" data-testid="timeline">
        {shown.map((entry) => {
          const index = entries.indexOf(entry)
          const before = index === 0 ? replay?.start.context : entries[index - 1]!.contextAfter
          const selected = seqAtCursor === entry.seq
          return (
            <li key={entry.seq} data-seq={entry.seq} className={selected ? 'selected' : ''}>
              <button type="button" className="timeline-head" onClick={() => replay && setCursor(replay.steps.findIndex((s) => s.seq === entry.seq) + 1)}>
                <span className="seq">#{entry.seq}</span>
                <span className="event-type" data-testid="event-type">
                  {eventTypeOf(entry)}
                </span>
                <time dateTime={entry.at}>{formatDateTime(entry.at, store.timezone)}</time>
              </button>
              <div className="timeline-body">
                <div>
                  <span className="muted">sender </span>
                  {userLabel(entry.senderUserId) ?? deviceLabel(entry.senderDeviceId) ?? 'system'}
                  {entry.senderUserId && entry.senderDeviceId ? ` on ${deviceLabel(entry.senderDeviceId)}` : ''}
                </div>
                <div className="states">
                  <span className="state">{formatStateValue(entry.stateBefore)}</span> → <span className="state">{formatStateValue(entry.stateAfter)}</span>
                </div>
                <EventPayload event={entry.event} />
                {before !== undefined && <DiffList diff={diffContext(before, entry.contextAfter)} limit={8} />}
                {entry.actions.length > 0 && (
                  <div className="chips">
                    {entry.actions.map((action, i) => (
                      <span key={i} className="chip">
                        {action.type === 'emitFact' ? `fact ${String((action.params as { type?: string } | null)?.type ?? '')}` : action.type}
                      </span>
                    ))}
                  </div>
                )}
              </div>
            </li>
          )
        })}
      </ol>
    </section>
  )
}

function EventPayload({ event }: { event: Record<string, unknown> }) {
  const { type: _type, ...rest } = event
  const keys = Object.keys(rest)
  if (keys.length === 0) return null
  return <code className="payload">{JSON.stringify(rest)}</code>
}

function Filters({
  entries,
  filter,
  setFilter,
  userLabel,
  deviceLabel,
}: {
  entries: JournalEntry[]
  filter: HistoryFilter
  setFilter: (f: HistoryFilter) => void
  userLabel: (id: string | null) => string | null
  deviceLabel: (id: string | null) => string | null
}) {
  const options = useMemo(() => filterOptions(entries), [entries])
  const set = (key: keyof HistoryFilter) => (value: string) => setFilter({ ...filter, [key]: value })
  // datetime-local has no zone: read and write it as the browser's local time.
  const toLocalInput = (iso: string) => (iso ? new Date(Date.parse(iso) - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16) : '')
  const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : '')
  return (
    <div className="filters" data-testid="filters">
      <label>
        Event
        <select value={filter.eventType} onChange={(e) => set('eventType')(e.target.value)} data-testid="filter-event">
          <option value="">any</option>
          {options.eventTypes.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </label>
      <label>
        User
        <select value={filter.userId} onChange={(e) => set('userId')(e.target.value)} data-testid="filter-user">
          <option value="">any</option>
          {options.userIds.map((id) => (
            <option key={id} value={id}>
              {id === SYSTEM_SENDER ? 'no user' : userLabel(id)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Device
        <select value={filter.deviceId} onChange={(e) => set('deviceId')(e.target.value)} data-testid="filter-device">
          <option value="">any</option>
          {options.deviceIds.map((id) => (
            <option key={id} value={id}>
              {id === SYSTEM_SENDER ? 'no device' : deviceLabel(id)}
            </option>
          ))}
        </select>
      </label>
      <label>
        From
        <input type="datetime-local" value={toLocalInput(filter.from)} onChange={(e) => set('from')(fromLocalInput(e.target.value))} />
      </label>
      <label>
        To
        <input type="datetime-local" value={toLocalInput(filter.to)} onChange={(e) => set('to')(fromLocalInput(e.target.value))} />
      </label>
      <button type="button" onClick={() => setFilter(NO_FILTER)} disabled={filter === NO_FILTER}>
        Clear
      </button>
    </div>
  )
}

function ReplayPanel({
  replay,
  machine,
  cursor,
  setCursor,
  playing,
  setPlaying,
  recorded,
}: {
  replay: Replay
  machine: NonNullable<ReturnType<typeof machineFor>>
  cursor: number
  setCursor: (n: number) => void
  playing: boolean
  setPlaying: (p: boolean) => void
  recorded: JournalEntry[]
}) {
  const total = replay.steps.length
  const at = replayAt(replay, cursor)
  const previous = replayAt(replay, cursor - 1)
  const step = cursor > 0 ? replay.steps[cursor - 1] : undefined
  const last = recorded.at(-1)
  const finalStep = replay.steps.at(-1)
  const allMatch = replay.firstMismatch === null
  return (
    <div className="replay">
      <div className="card diagram-card">
        <h2>Statechart</h2>
        <div className="diagram-scroll">
          <Statechart machine={machine} value={at.value} />
        </div>
      </div>
      <div className="card replay-card">
        <h2>Replay</h2>
        <p
          className={allMatch ? 'verdict ok' : 'verdict bad'}
          data-testid="replay-verdict"
          data-match={allMatch ? 'true' : 'false'}
          data-final-state={finalStep ? JSON.stringify(finalStep.value) : ''}
          data-server-state={last ? JSON.stringify(last.stateAfter) : ''}
        >
          {allMatch
            ? `Replaying ${total} recorded event${total === 1 ? '' : 's'} in the browser reaches the same state and context as the server (${formatStateValue(last?.stateAfter)}).`
            : `The replay differs from the server's record at transition #${replay.firstMismatch}.`}
        </p>
        <div className="controls">
          <button type="button" onClick={() => setCursor(0)} disabled={cursor === 0} aria-label="First">
            ⏮
          </button>
          <button type="button" onClick={() => setCursor(Math.max(0, cursor - 1))} disabled={cursor === 0} aria-label="Back" data-testid="replay-back">
            ◀
          </button>
          <button type="button" onClick={() => (playing ? setPlaying(false) : (cursor >= total && setCursor(0), setPlaying(true)))} data-testid="replay-play">
            {playing ? 'Pause' : 'Play'}
          </button>
          <button type="button" onClick={() => setCursor(Math.min(total, cursor + 1))} disabled={cursor >= total} aria-label="Forward" data-testid="replay-forward">
            ▶
          </button>
          <button type="button" onClick={() => setCursor(total)} disabled={cursor >= total} aria-label="Last">
            ⏭
          </button>
          <input
            type="range"
            min={0}
            max={total}
            value={cursor}
            onChange={(e) => setCursor(Number(e.target.value))}
            aria-label="Replay position"
          />
          <span className="muted" data-testid="replay-position">
            {cursor} / {total}
          </span>
        </div>
        <dl className="replay-facts">
          <dt>Event</dt>
          <dd>{step ? `#${step.seq} ${String(step.event.type)}` : replay.start.from === 'input' ? '(start: the machine with its input)' : `(start: recorded #${replay.start.from.seq})`}</dd>
          <dt>State</dt>
          <dd data-testid="replay-state">{formatStateValue(at.value)}</dd>
          {step && (
            <>
              <dt>Server</dt>
              <dd>
                {step.refused
                  ? 'the machine refused this recorded event'
                  : step.matchesState && step.matchesContext
                    ? 'same state and context as recorded'
                    : `differs from the record (${[!step.matchesState && 'state', !step.matchesContext && 'context'].filter(Boolean).join(', ')})`}
                {!step.matchesActions && ' · actions differ'}
              </dd>
            </>
          )}
        </dl>
        <h3>Context change</h3>
        {cursor === 0 ? <p className="muted small">The starting context.</p> : <DiffList diff={diffContext(previous.context, at.context)} />}
        <details>
          <summary>Context</summary>
          <pre className="json">{JSON.stringify(at.context, null, 2)}</pre>
        </details>
      </div>
    </div>
  )
}
