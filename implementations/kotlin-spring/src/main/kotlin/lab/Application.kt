package lab

import org.springframework.boot.Banner
import org.springframework.boot.SpringApplication
import org.springframework.boot.autoconfigure.ImportAutoConfiguration
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration
import org.springframework.context.annotation.ComponentScan
import org.springframework.context.annotation.Configuration
import org.springframework.boot.web.context.WebServerInitializedEvent
import org.springframework.context.ApplicationListener
import org.springframework.context.ConfigurableApplicationContext
import org.springframework.context.annotation.Bean
import sun.misc.Signal
import kotlin.system.exitProcess

const val NAME = "kotlin-spring"

// Only the auto-configuration the app uses (the web server, the DispatcherServlet, Spring MVC),
// not all of @SpringBootApplication's: the JVM starts in about half the time.
@Configuration(proxyBeanMethods = false)
@ComponentScan
@ImportAutoConfiguration(
    PropertyPlaceholderAutoConfiguration::class,
    LifecycleAutoConfiguration::class,
    ServletWebServerFactoryAutoConfiguration::class,
    DispatcherServletAutoConfiguration::class,
    HttpMessageConvertersAutoConfiguration::class,
    WebMvcAutoConfiguration::class,
)
class Application {
    @Bean
    fun listening(config: Config) = ApplicationListener<WebServerInitializedEvent> { event ->
        println("$NAME listening on http://${config.host}:${event.webServer.port}")
        System.out.flush()
    }
}

fun main(args: Array<String>) {
    val config = try {
        Config(System.getenv())
    } catch (error: IllegalArgumentException) {
        System.err.println("$NAME failed to start: ${error.message}")
        exitProcess(1)
    }
    val application = SpringApplication(Application::class.java)
    application.setBannerMode(Banner.Mode.OFF)
    application.setLogStartupInfo(false)
    application.setDefaultProperties(
        mapOf<String, Any>(
            "server.port" to config.port,
            "server.address" to config.host,
            // In-flight requests finish on SIGTERM; new connections are refused.
            "server.shutdown" to "graceful",
            "server.undertow.threads.worker" to config.workerThreads,
            "server.undertow.always-set-keep-alive" to true,
            "server.error.whitelabel.enabled" to false,
            // No static resources: an unknown path is NoHandlerFoundException, the contract's 404.
            "spring.web.resources.add-mappings" to false,
            // POST /upload streams multipart bodies itself; the servlet parser would write them to disk.
            "spring.servlet.multipart.enabled" to false,
            "spring.main.banner-mode" to "off",
            "spring.jmx.enabled" to false,
            "logging.level.root" to "WARN",
            "logging.level.io.undertow.request" to "ERROR",
            "logging.level.io.undertow.websockets" to "ERROR",
        ),
    )
    application.addInitializers({ context: ConfigurableApplicationContext ->
        context.beanFactory.registerSingleton("config", config)
    })
    val context = try {
        application.run(*args)
    } catch (error: Throwable) {
        System.err.println("$NAME failed to start: ${error.message}")
        exitProcess(1)
    }
    // The JVM's own SIGTERM handler exits 143; close the context (graceful: in-flight requests
    // finish, then the pools close) and exit 0, as the Node implementations do.
    // Made before it is needed, so that nothing is loaded from the jar once a signal has come.
    val shutdown = Thread {
        val code = try {
            context.close()
            0
        } catch (error: Throwable) {
            System.err.println(error)
            1
        }
        exitProcess(code)
    }
    val stopOnce = java.util.concurrent.atomic.AtomicBoolean()
    for (signal in listOf("TERM", "INT")) {
        Signal.handle(Signal(signal)) { if (stopOnce.compareAndSet(false, true)) shutdown.start() }
    }
}
