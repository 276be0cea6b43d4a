using System.Buffers.Binary;

namespace Sharpgrad.IO;

/// <summary>Serialises named tensors and metadata into the safetensors layout (see <see cref="SafeTensors"/>).</summary>
internal static class SafeTensorsWriter
{
    /// <summary>
    /// Writes the file; with <paramref name="checksum"/> the metadata also records the data's
    /// <see cref="SafeTensorsChecksum"/>, so the data is encoded before the header that names its digest.
    /// </summary>
    public static void Write(Stream stream, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata, bool checksum = false)
    {
        // Ordered by dtype (wider first) and then by name, exactly as the reference writer orders them: every tensor
        // then starts at a multiple of its element size, so readers may map the file and view the bytes in place,
        // and the same tensors give the same bytes as PyTorch's safetensors.torch.save_file.
        var ordered = tensors
            .Select(pair => (Name: pair.Key, Tensor: Check(pair.Key, pair.Value)))
            .OrderBy(item => SafeTensorsDType.ForSaving(item.Tensor.DType).WriteOrder)
            .ThenBy(item => item.Name, StringComparer.Ordinal)
            .ToList();

        var entries = new List<SafeTensorsHeader.Entry>(ordered.Count);
        long offset = 0;
        foreach (var (name, tensor) in ordered)
        {
            var dtype = SafeTensorsDType.ForSaving(tensor.DType);
            long size = (long)tensor.Count * dtype.Size;
            entries.Add(new SafeTensorsHeader.Entry(name, dtype, tensor.Shape, offset, offset + size));
            offset += size;
        }
        var data = ordered.Select(item => SafeTensorsDType.Encode(item.Tensor).ToArray()).ToList();
        var allMetadata = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>());
        if (checksum)
        {
            if (allMetadata.ContainsKey(SafeTensorsChecksum.MetadataKey))
                throw new ArgumentException($"SafeTensors.Save: the metadata key '{SafeTensorsChecksum.MetadataKey}' is reserved for the checksum.");
            using var digest = new SafeTensorsChecksum();
            foreach (var bytes in data) digest.Append(bytes);
            allMetadata[SafeTensorsChecksum.MetadataKey] = digest.Finish();
        }
        var header = new SafeTensorsHeader(entries, allMetadata).Build();

        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        stream.Write(header);
        foreach (var bytes in data) stream.Write(bytes);
    }

    private static Tensor Check(string name, Tensor? tensor)
    {
        if (string.IsNullOrEmpty(name))
            throw new ArgumentException("SafeTensors.Save: tensor names must be non-empty.");
        if (name == SafeTensorsHeader.MetadataKey)
            throw new ArgumentException($"SafeTensors.Save: '{SafeTensorsHeader.MetadataKey}' is reserved for metadata and cannot name a tensor.");
        return tensor ?? throw new ArgumentException($"SafeTensors.Save: tensor '{name}' is null.");
    }
}
