using System.Security.Cryptography;

namespace Sharpgrad.IO;

/// <summary>
/// An integrity check that goes beyond the safetensors format, which has none: the SHA-256 of the whole data region
/// (every byte after the header), stored as 64 hex digits under <see cref="MetadataKey"/> in "__metadata__". Sharpgrad
/// writes it for models and checkpoints and verifies it on load whenever it is present, so a bit flip in the tensor
/// data is reported instead of loaded; files without it (PyTorch's) load as before. Other readers see one more
/// metadata string and ignore it. SHA-256 rather than a faster non-cryptographic hash: .NET has it built in (the core
/// library takes no package), it runs at disk speed on CPUs with SHA extensions, and docs/performance.md records
/// what it costs on a ResNet-18 file.
/// </summary>
internal sealed class SafeTensorsChecksum : IDisposable
{
    public const string MetadataKey = "sharpgrad.data_sha256";

    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Adds the next bytes of the data region, in file order.</summary>
    public void Append(ReadOnlySpan<byte> bytes) => hash.AppendData(bytes);

    /// <summary>The digest of everything appended, as lower-case hex.</summary>
    public string Finish() => Convert.ToHexStringLower(hash.GetHashAndReset());

    /// <summary>Throws when the digest of the data read differs from the one the file's metadata records.</summary>
    public void Verify(string recorded, string file, long dataStart, long fileLength)
    {
        string actual = Finish();
        if (!string.Equals(actual, recorded, StringComparison.OrdinalIgnoreCase))
            throw SafeTensorsHeader.Corrupt(file,
                $"the data (bytes {dataStart}..{fileLength}) does not match the SHA-256 checksum '{MetadataKey}' recorded in its metadata " +
                $"(recorded {recorded}, computed {actual}): the file was damaged or modified after it was written");
    }

    public void Dispose() => hash.Dispose();
}
