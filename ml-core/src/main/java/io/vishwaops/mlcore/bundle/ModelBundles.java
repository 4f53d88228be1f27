package io.vishwaops.mlcore.bundle;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes and reads model bundles: an 8-byte magic {@code VOPSBNDL}, a 4-byte format version, then the gzipped Java
 * serialization of the {@link ModelBundle}. Reading deserializes only the classes on {@link #ALLOWLIST} (the
 * product's ML kernel, Smile's models, and the JDK's value and collection classes), with limits on depth, references
 * and size: a payload naming any other class is refused before it is instantiated, so a bundle cannot smuggle in a
 * deserialization gadget.
 */
public final class ModelBundles {

    /** The media type bundles are stored and served with. */
    public static final String MEDIA_TYPE = "application/vnd.vishwaops.model-bundle";
    /** The conventional artifact path of a run's bundle. */
    public static final String ARTIFACT_PATH = "model/bundle.vops";

    public static final int FORMAT_VERSION = 1;

    /**
     * The {@link ObjectInputFilter} pattern bundles are read under. JDK classes are named one by one: a wildcard over
     * {@code java.util} would let in collections that known gadget chains start from.
     */
    public static final String ALLOWLIST = String.join(";",
            "maxdepth=100", "maxrefs=50000000", "maxbytes=4294967296", "maxarray=200000000",
            "io.vishwaops.mlcore.**",
            "smile.**",
            "java.lang.Object", "java.lang.String", "java.lang.Number", "java.lang.Enum", "java.lang.Record",
            "java.lang.Boolean", "java.lang.Integer", "java.lang.Long", "java.lang.Double", "java.lang.Float",
            "java.lang.Short", "java.lang.Byte", "java.lang.Character",
            "java.math.BigDecimal", "java.math.BigInteger",
            "java.time.Ser", "java.time.Instant",
            "java.util.ArrayList", "java.util.LinkedList", "java.util.HashMap", "java.util.LinkedHashMap",
            "java.util.TreeMap", "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet",
            "java.util.Arrays$ArrayList", "java.util.CollSer", "java.util.ImmutableCollections$*",
            "java.util.Collections$*", "java.util.Map$Entry", "java.util.BitSet", "java.util.Optional", "java.util.EnumMap",
            "java.util.concurrent.ConcurrentHashMap", "java.util.concurrent.ConcurrentHashMap$Segment",
            "java.util.concurrent.locks.ReentrantLock", "java.util.concurrent.locks.ReentrantLock$*",
            "java.util.concurrent.locks.AbstractQueuedSynchronizer",
            "java.util.concurrent.locks.AbstractOwnableSynchronizer",
            "!*");

    private static final byte[] MAGIC = "VOPSBNDL".getBytes(StandardCharsets.US_ASCII);

    private ModelBundles() {
    }

    public static byte[] toBytes(ModelBundle bundle) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        write(bundle, out);
        return out.toByteArray();
    }

    public static void write(ModelBundle bundle, OutputStream out) {
        try {
            DataOutputStream header = new DataOutputStream(out);
            header.write(MAGIC);
            header.writeInt(FORMAT_VERSION);
            header.flush();
            GZIPOutputStream zipped = new GZIPOutputStream(out, 64 * 1024);
            ObjectOutputStream objects = new ObjectOutputStream(zipped);
            objects.writeObject(bundle);
            objects.flush();
            zipped.finish();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the model bundle failed", e);
        }
    }

    public static ModelBundle fromBytes(byte[] bytes) {
        return read(new ByteArrayInputStream(bytes));
    }

    /**
     * Reads a bundle under the allowlist.
     *
     * @throws BundleFormatException when the bytes are not a bundle of a known format version, are damaged, or name
     *         a class outside the allowlist
     */
    public static ModelBundle read(InputStream in) {
        String[] refused = new String[1];
        try {
            DataInputStream header = new DataInputStream(in);
            byte[] magic = new byte[MAGIC.length];
            header.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new BundleFormatException("not a model bundle: it does not start with VOPSBNDL");
            }
            int version = header.readInt();
            if (version != FORMAT_VERSION) {
                throw new BundleFormatException("bundle format version " + version + " is not readable here (reads "
                        + FORMAT_VERSION + ")");
            }
            ObjectInputStream objects = new ObjectInputStream(new GZIPInputStream(in, 64 * 1024));
            ObjectInputFilter allowlist = ObjectInputFilter.Config.createFilter(ALLOWLIST);
            objects.setObjectInputFilter(info -> {
                ObjectInputFilter.Status status = allowlist.checkInput(info);
                if (status == ObjectInputFilter.Status.REJECTED) {
                    refused[0] = info.serialClass() != null ? "class " + info.serialClass().getName()
                            : "a payload over the limits (depth " + info.depth() + ", references " + info.references()
                                    + ", bytes " + info.streamBytes() + ", array length " + info.arrayLength() + ")";
                }
                return status;
            });
            Object read = objects.readObject();
            if (!(read instanceof ModelBundle bundle)) {
                throw new BundleFormatException("the payload is a " + read.getClass().getName() + ", not a model bundle");
            }
            return bundle;
        } catch (InvalidClassException e) {
            throw new BundleFormatException("refused: " + (refused[0] != null ? refused[0]
                    + " is not on the model bundle allowlist" : e.getMessage()), e);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            if (e instanceof BundleFormatException b) {
                throw b;
            }
            throw new BundleFormatException("the model bundle cannot be read: " + e, e);
        }
    }

    /** The lowercase hex sha-256 of the bytes, as the registry records an artifact's. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
