import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#core/http/exception_handler'))

server.use([() => import('#core/http/request_log_middleware')])

router.use([() => import('@adonisjs/core/bodyparser_middleware')])
