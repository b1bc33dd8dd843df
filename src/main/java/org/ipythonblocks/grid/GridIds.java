package org.ipythonblocks.grid;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.ipythonblocks.IpbConfig;

/**
 * The ids in grid URLs.
 *
 * <ul>
 * <li>Public grids and legacy secret grids: the legacy Hashids (0.8.4) encoding of the row id, with
 * the public or the secret salt. Only canonical ids resolve: the string must be exactly what
 * encoding its first decoded value gives, so {@code bizkiLx}, a secret id on the public route or a
 * string decoding past the bigint id column are all "not found".</li>
 * <li>Secret grids posted on this site: {@value #TOKEN_LENGTH} random base-62 characters
 * (119 bits), which no salt can enumerate. No legacy hash id is that long.</li>
 * </ul>
 */
@ApplicationScoped
public class GridIds {

    static final int TOKEN_LENGTH = 20;
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    /** What the legacy routes accepted ({@code \w{6}\w*}), in ASCII. */
    public static final String ID_REGEX = "[0-9A-Za-z_]{6,}";
    private static final Pattern TOKEN = Pattern.compile("[0-9A-Za-z]{" + TOKEN_LENGTH + "}");

    private final LegacyHashids publicIds;
    private final LegacyHashids secretIds;
    /** 24 random bytes: 192 bits, 32 URL-safe characters. */
    static final int DELETE_TOKEN_BYTES = 24;

    /**
     * An instance field of a bean, never a static one: a native executable's classes are initialised
     * when it is built, and a static {@code SecureRandom} would be seeded then, the same in every copy.
     */
    private final SecureRandom random = new SecureRandom();

    @Inject
    public GridIds(IpbConfig config) {
        this(config.hashids().publicSalt(), config.hashids().secretSalt(), config.hashids().minLength());
    }

    GridIds(String publicSalt, String secretSalt, int minLength) {
        this.publicIds = new LegacyHashids(publicSalt, minLength);
        this.secretIds = new LegacyHashids(secretSalt, minLength);
    }

    public String publicId(long rowId) {
        return publicIds.encode(rowId);
    }

    public String legacySecretId(long rowId) {
        return secretIds.encode(rowId);
    }

    public OptionalLong decodePublic(String id) {
        return publicIds.decodeId(id, Long.MAX_VALUE);
    }

    public OptionalLong decodeLegacySecret(String id) {
        return secretIds.decodeId(id, Long.MAX_VALUE);
    }

    /** A fresh id for a new secret grid. */
    public String newSecretToken() {
        char[] token = new char[TOKEN_LENGTH];
        for (int i = 0; i < TOKEN_LENGTH; i++) {
            token[i] = BASE62[random.nextInt(BASE62.length)];
        }
        return new String(token);
    }

    /** A fresh {@code delete_token} for a new grid (only its SHA-256 is stored). */
    public String newDeleteToken() {
        byte[] bytes = new byte[DELETE_TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static boolean isToken(String id) {
        return id != null && TOKEN.matcher(id).matches();
    }
}
