package ai.tock.community.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A client that holds connections without finishing a request (issue 17), from one loopback
 * address: requests whose headers never end, and keep-alive connections left idle after one answer.
 * Only 127.0.0.1 is spoken to.
 */
final class SlowClients implements AutoCloseable {

    private final List<Socket> unfinished = new ArrayList<>();
    private final List<Socket> idle = new ArrayList<>();

    /** Opens {@code unfinished} connections that send part of a request, and {@code idle} ones that ask once then wait. */
    SlowClients(int port, String from, int unfinishedCount, int idleCount) throws IOException {
        InetAddress local = InetAddress.getByName(from);
        byte[] partial = ("POST /web HTTP/1.1\r\nHost: " + LoadGenerator.HOST + "\r\nContent-Type: appl")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] health = ("GET /healthz HTTP/1.1\r\nHost: " + LoadGenerator.HOST + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < unfinishedCount; i++) {
            unfinished.add(open(port, local, partial));
        }
        for (int i = 0; i < idleCount; i++) {
            idle.add(open(port, local, health));
        }
    }

    private static Socket open(int port, InetAddress local, byte[] request) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(local, 0));
        socket.connect(new InetSocketAddress(LoadGenerator.HOST, port), 5000);
        try {
            socket.getOutputStream().write(request);
        } catch (IOException refused) {
            // closed at once by the server: counted as closed below
        }
        return socket;
    }

    /** How many of the unfinished and of the idle connections the server still holds. */
    int[] held() {
        return new int[] {countOpen(unfinished), countOpen(idle)};
    }

    /** Open: the server neither closed it nor has more to say (a read waits); an idle one's answer is consumed first. */
    private static int countOpen(List<Socket> sockets) {
        int open = 0;
        byte[] buffer = new byte[4096];
        for (Socket socket : sockets) {
            try {
                socket.setSoTimeout(1);
                InputStream in = socket.getInputStream();
                int read;
                do {
                    read = in.read(buffer);
                } while (read > 0);
                // -1: closed by the server
            } catch (SocketTimeoutException waiting) {
                open++;
            } catch (IOException reset) {
                // reset by the server: closed
            }
        }
        return open;
    }

    @Override
    public void close() {
        for (List<Socket> sockets : List.of(unfinished, idle)) {
            for (Socket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        }
    }
}
