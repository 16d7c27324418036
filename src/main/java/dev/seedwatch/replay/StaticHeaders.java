package dev.seedwatch.replay;

import java.util.Map;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/** Adds fixed headers (credentials included) to every request of a REST client; toString shows names only. */
public record StaticHeaders(Map<String, String> headers) implements ClientHeadersFactory {

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
            MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> result = new MultivaluedHashMap<>();
        headers.forEach(result::putSingle);
        return result;
    }

    @Override
    public String toString() {
        return "StaticHeaders" + headers.keySet();
    }
}
