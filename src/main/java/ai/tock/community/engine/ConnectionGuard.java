package ai.tock.community.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.impl.ConnectionBase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bounds what a client can hold of the HTTP server without sending a complete request: the
 * connections of one address and of all, the time a request takes to arrive, and the time a keep-alive
 * connection stays idle. Vert.x has no option for the first three, and its idle timeout is reset by a
 * byte a minute, so this installs its own timers in each connection's Netty pipeline, where every byte
 * and every decoded request and response passes (one event-loop thread per connection: no locking).
 *
 * <p>Set as the server's connection handler before it listens. Vert.x calls it as soon as a TCP
 * connection is accepted only when {@code vertx.disableH2c} is set (otherwise it waits for the first
 * bytes, and a silent connection is never seen); {@link #probe} checks that it does.
 */
public final class ConnectionGuard implements Handler<HttpConnection> {

    // Vert.x 4.4's names for its HTTP/1.x decoder and its connection handler in each pipeline (HttpServerWorker).
    static final String DECODER = "httpDecoder";
    static final String CONNECTION = "handler";

    private final ConnectionLimits limits;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, Integer> byAddress = new ConcurrentHashMap<>();
    private final LongAdder refusedPerAddress = new LongAdder();
    private final LongAdder refusedTotal = new LongAdder();
    private final LongAdder requestTimeouts = new LongAdder();
    private final LongAdder idleClosed = new LongAdder();
    // Start-up probes by the loopback port they connect from: completed when their connection is guarded.
    private final Map<Integer, CompletableFuture<Void>> probes = new ConcurrentHashMap<>();
    private final byte[] timeoutResponse;

    public ConnectionGuard(ConnectionLimits limits) {
        this.limits = limits;
        String body = "{\"error\":\"the request did not arrive within " + limits.requestTimeout().toSeconds() + " s\"}";
        this.timeoutResponse = ("HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json; charset=utf-8\r\n"
                + "Connection: close\r\nContent-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    }

    /** Counters for the metrics: connections open now, refused (per address, in all), timed out, closed idle. */
    public int openConnections() {
        return open.get();
    }

    public long refusedPerAddress() {
        return refusedPerAddress.sum();
    }

    public long refusedTotal() {
        return refusedTotal.sum();
    }

    public long requestTimeouts() {
        return requestTimeouts.sum();
    }

    public long idleClosed() {
        return idleClosed.sum();
    }

    /** Connections the address holds now (0 for a trusted proxy, which is not counted per address). */
    public int connectionsOf(String address) {
        return byAddress.getOrDefault(address, 0);
    }

    @Override
    public void handle(HttpConnection connection) {
        SocketAddress peer = connection.remoteAddress();
        String address = peer == null ? "unknown" : peer.hostAddress();
        CompletableFuture<Void> probe = probes.isEmpty() || peer == null ? null : probes.remove(peer.port());
        ChannelPipeline pipeline;
        try {
            pipeline = ((ConnectionBase) connection).channelHandlerContext().pipeline();
            if (pipeline.get(DECODER) == null || pipeline.get(CONNECTION) == null) {
                throw new IllegalStateException("no '" + DECODER + "' and '" + CONNECTION + "' handlers in the connection's pipeline "
                        + pipeline.names());
            }
        } catch (RuntimeException e) {
            connection.close();
            if (probe != null) {
                probe.completeExceptionally(new TockEngine.MissingHook("Vert.x's HTTP/1.x connection is not as this build expects ("
                        + e.getMessage() + ")"));
            }
            return;
        }
        if (probe != null) {
            probe.complete(null);
        }
        if (open.incrementAndGet() > limits.maxTotal()) {
            open.decrementAndGet();
            refusedTotal.increment();
            connection.close();
            return;
        }
        boolean counted = !limits.proxies().trusts(address);
        if (counted && byAddress.merge(address, 1, Integer::sum) > limits.maxPerAddress()) {
            release(address);
            open.decrementAndGet();
            refusedPerAddress.increment();
            connection.close();
            return;
        }
        Timers timers = new Timers(pipeline.channel());
        pipeline.addBefore(DECODER, "botRequestStart", timers.new Bytes());
        pipeline.addBefore(CONNECTION, "botRequestEnd", timers.new Messages());
        pipeline.channel().closeFuture().addListener(closed -> {
            timers.cancel();
            open.decrementAndGet();
            if (counted) {
                release(address);
            }
        });
        timers.startReceiving(); // the first request is awaited from the moment the connection opens
    }

    private void release(String address) {
        byAddress.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
    }

    /**
     * Checks, once the server listens on {@code port}, that it hands each connection to this guard as
     * soon as it is accepted: a silent connection from 127.0.0.1 must be guarded within {@code timeout}.
     *
     * @throws TockEngine.MissingHook when it is not (Vert.x no longer honours {@code vertx.disableH2c}, or
     *                                its connections are not as this guard expects)
     */
    public void verify(int port, Duration timeout) {
        int localPort = -1;
        try (Socket probe = new Socket()) {
            InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
            probe.bind(new InetSocketAddress(loopback, 0));
            localPort = probe.getLocalPort();
            CompletableFuture<Void> guarded = probes.computeIfAbsent(localPort, p -> new CompletableFuture<>());
            probe.connect(new InetSocketAddress(loopback, port), (int) timeout.toMillis());
            guarded.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TockEngine.MissingHook("the HTTP server did not hand a silent connection to the connection guard within "
                    + timeout.toSeconds() + " s (vertx.disableH2c=true is not honoured)");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof TockEngine.MissingHook missing ? missing : new IllegalStateException(e.getCause());
        } catch (IOException e) {
            throw new TockEngine.NotListening("the web server does not accept connections on 127.0.0.1:" + port + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TockEngine.NotListening("interrupted while checking the web server");
        } finally {
            probes.remove(localPort);
        }
    }

    /** One connection's timers; touched only on its event loop. */
    private final class Timers {
        private final Channel channel;
        private ChannelHandlerContext head; // writes from here go straight to the socket
        private boolean receiving;          // a request is expected or arriving: the request timer runs
        private boolean bytesSeen;          // the request being received has sent something
        private boolean headersIn;          // its headers are decoded (it is counted in requestsOpen)
        private boolean respondedEarly;     // it was answered before it finished arriving (413...)
        private boolean writing;            // a response has started and not finished
        private int requestsOpen;           // requests whose headers arrived and whose response has not finished
        private ScheduledFuture<?> requestTimer;
        private ScheduledFuture<?> idleTimer;

        Timers(Channel channel) {
            this.channel = channel;
        }

        void startReceiving() {
            receiving = true;
            bytesSeen = false;
            headersIn = false;
            respondedEarly = false;
            cancelIdle();
            requestTimer = channel.eventLoop().schedule(this::requestTimedOut, limits.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }

        private void received() {
            receiving = false;
            if (requestTimer != null) {
                requestTimer.cancel(false);
                requestTimer = null;
            }
            maybeIdle();
        }

        private void responded() {
            writing = false;
            if (requestsOpen > 0) {
                requestsOpen--;
            }
            if (receiving) {
                respondedEarly = true;
            }
            maybeIdle();
        }

        private void maybeIdle() {
            if (!receiving && requestsOpen == 0 && idleTimer == null && channel.isActive()) {
                idleTimer = channel.eventLoop().schedule(this::idle, limits.idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        private void cancelIdle() {
            if (idleTimer != null) {
                idleTimer.cancel(false);
                idleTimer = null;
            }
        }

        void cancel() {
            cancelIdle();
            if (requestTimer != null) {
                requestTimer.cancel(false);
            }
        }

        private void requestTimedOut() {
            requestTimer = null;
            if (!receiving || !channel.isActive()) {
                return;
            }
            requestTimeouts.increment();
            int earlier = requestsOpen - (headersIn ? 1 : 0);
            // A 408 only where it cannot interleave with another response; otherwise (or to a connection
            // that never sent a byte, such as a browser's preconnect) the connection is just closed.
            if (bytesSeen && !writing && !respondedEarly && earlier == 0 && head != null) {
                head.writeAndFlush(Unpooled.wrappedBuffer(timeoutResponse)).addListener(ChannelFutureListener.CLOSE);
            } else {
                channel.close();
            }
        }

        private void idle() {
            idleTimer = null;
            if (!receiving && requestsOpen == 0 && channel.isActive()) {
                idleClosed.increment();
                channel.close();
            }
        }

        /** Before the decoder: sees the first byte of each request. */
        final class Bytes extends ChannelInboundHandlerAdapter {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                head = ctx;
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
                    if (!receiving) {
                        startReceiving();
                    }
                    bytesSeen = true;
                }
                ctx.fireChannelRead(msg);
            }
        }

        /** After the decoder: sees each request's headers and end, and each response's start and end. */
        final class Messages extends ChannelDuplexHandler {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpRequest) {
                    if (!receiving) { // pipelined behind the previous request, in the same read
                        startReceiving();
                        bytesSeen = true;
                    }
                    headersIn = true;
                    requestsOpen++;
                }
                if (msg instanceof LastHttpContent) {
                    received();
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                if (msg instanceof HttpResponse) {
                    writing = true;
                }
                if (msg instanceof LastHttpContent) {
                    responded();
                }
                ctx.write(msg, promise);
            }
        }
    }
}
