import type { RouteInput } from '#core/http/api'
import type { Principal } from '#core/http/principal'
import type { ActorHistoryQuery, ActorListQuery } from '@pos/protocols'
import { historyService } from '../services/history_service.js'

type User = Extract<Principal, { kind: 'user' }>

export const actorsController = {
  async list({ principal, query }: RouteInput<undefined, ActorListQuery, User>) {
    return { actors: await historyService.actors(principal, query) }
  },

  history({ principal, query, params }: RouteInput<undefined, ActorHistoryQuery, User>) {
    return historyService.history(principal, params.kind!, params.actorId!, query)
  },
}
