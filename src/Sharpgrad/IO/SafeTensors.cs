namespace Sharpgrad.IO;

/// <summary>
/// Reads and writes the safetensors format (Hugging Face), the safe way to exchange weights with PyTorch:
/// unlike pickle-based .pt files it holds only data, so loading it cannot run code.
/// <code>
/// [8 bytes]  N, the header length, unsigned 64-bit little-endian
/// [N bytes]  UTF-8 JSON: {"__metadata__": {"key": "value", ...},
///                         "name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, ...}
///            padded with spaces so that N is a multiple of 8
/// [rest]     the tensors' raw little-endian bytes, row-major; data_offsets count from the start of this region
/// </code>
/// Sharpgrad writes F32, F64, I64 and BOOL and also reads F16 and BF16 (as float32) and I32, I16, I8, U8 (as int64).
/// </summary>
public static class SafeTensors
{
    /// <summary>
    /// Writes <paramref name="tensors"/> (and optional string <paramref name="metadata"/>) to <paramref name="path"/>.
    /// The file is written under a temporary name and renamed into place, so a crash or an exception never
    /// leaves a half-written file behind: <paramref name="path"/> holds either its old contents or the new ones.
    /// Tensors are saved by value (detached, made contiguous); views are written as the elements they show.
    /// With <paramref name="checksum"/> the metadata also records the SHA-256 of the data under
    /// "sharpgrad.data_sha256", which <see cref="Load"/> verifies (a Sharpgrad extension that other readers ignore);
    /// without it the bytes are exactly those PyTorch's <c>safetensors.torch.save_file</c> writes.
    /// </summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null,
        bool checksum = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(tensors);
        AtomicFile.Write(path, stream => SafeTensorsWriter.Write(stream, tensors, metadata, checksum));
    }

    /// <summary>
    /// The tensors in <paramref name="path"/>, by name, in file order. A malformed file raises
    /// <see cref="InvalidDataException"/> naming the file and the byte offset of the problem; so does data that fails
    /// the file's checksum, when it has one (the checksum entry is not returned with the metadata).
    /// </summary>
    public static Dictionary<string, Tensor> Load(string path) => LoadWithMetadata(path).Tensors;

    /// <summary>Like <see cref="Load"/>, but also returns the file's "__metadata__" strings (empty when it has none).</summary>
    public static SafeTensorsFile LoadWithMetadata(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return SafeTensorsReader.Read(path);
    }
}
