import type { AnyStateMachine } from 'xstate'

/**
 * Test helper: every state and transition of a machine without a `description`
 * (the audit viewer shows descriptions, so each one must say why).
 */
export function undescribed(machine: AnyStateMachine): string[] {
  type Node = AnyStateMachine['root']
  const missing: string[] = []
  const walk = (node: Node) => {
    if (!node.description) missing.push(`state ${node.id}`)
    for (const [eventType, transitions] of node.transitions) {
      transitions.forEach((t, i) => {
        if (!t.description) missing.push(`${node.id} on ${eventType} #${i}`)
      })
    }
    for (const child of Object.values(node.states)) walk(child as Node)
  }
  walk(machine.root)
  return missing
}
