import { signal, type Signal } from '@angular/core'
import type { AnyActorRef, SnapshotFrom } from 'xstate'

/**
 * An XState actor's snapshot as an Angular signal: it holds the current snapshot and changes
 * with every transition, so templates and computed() follow the machine. Returns the signal
 * and the function that stops following (call it when the owner is destroyed).
 */
export function actorSignal<A extends AnyActorRef>(actor: A): { snapshot: Signal<SnapshotFrom<A>>; unbind: () => void } {
  const snapshot = signal(actor.getSnapshot() as SnapshotFrom<A>)
  const subscription = actor.subscribe((next: SnapshotFrom<A>) => snapshot.set(next))
  return { snapshot: snapshot.asReadonly(), unbind: () => subscription.unsubscribe() }
}
