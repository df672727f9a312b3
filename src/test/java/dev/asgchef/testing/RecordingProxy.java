package dev.asgchef.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP proxy on the loopback address that tunnels {@code CONNECT host:port} requests (what a client sends for an
 * https:// server) and records each request line, so a test can prove which requests went through a proxy. Anything
 * but CONNECT is answered 501 after being recorded.
 */
public final class RecordingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final List<String> requestLines = new CopyOnWriteArrayList<>();

    public RecordingProxy() {
        try {
            listener = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "recording-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** Every request line received, e.g. {@code CONNECT 127.0.0.1:4443 HTTP/1.1}. */
    public List<String> requestLines() {
        return requestLines;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread handler = new Thread(() -> handle(client), "recording-proxy-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String requestLine = readHead(in);
            requestLines.add(requestLine);
            String[] parts = requestLine.split(" ");
            if (!parts[0].equals("CONNECT")) {
                out.write("HTTP/1.1 501 Not Implemented\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                return;
            }
            String[] target = parts[1].split(":");
            try (Socket server = new Socket(target[0], Integer.parseInt(target[1]))) {
                out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread upstream = new Thread(() -> pipe(in, server), "recording-proxy-upstream");
                upstream.setDaemon(true);
                upstream.start();
                pipe(server.getInputStream(), client);
            }
        } catch (IOException e) {
            // The client or server went away: the tunnel ends, as a real proxy's would.
        }
    }

    private static void pipe(InputStream from, Socket to) {
        try {
            from.transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // One side closed.
        }
    }

    /** The request line; the headers after it are read and dropped. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        int lineEnd = text.indexOf("\r\n");
        return lineEnd < 0 ? text : text.substring(0, lineEnd);
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
