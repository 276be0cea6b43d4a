using System.Text.Encodings.Web;
using System.Text.Json;

namespace Sharpgrad.IO;

/// <summary>
/// The JSON header of a safetensors file: for each tensor its dtype code, shape and [begin, end) byte range in the
/// data region, plus an optional "__metadata__" map of strings. <see cref="Build"/> writes one; <see cref="Parse"/>
/// reads one and checks it against the file as the reference implementation does: the tensors must tile the data
/// region exactly, with no overlaps, gaps or trailing bytes, and each range must hold shape × dtype-size bytes.
/// Every error names the file and an absolute byte position in it.
/// </summary>
internal sealed class SafeTensorsHeader
{
    public const string MetadataKey = "__metadata__";

    /// <summary>One tensor's header entry; Begin and End are offsets into the data region.</summary>
    public sealed record Entry(string Name, SafeTensorsDType DType, int[] Shape, long Begin, long End);

    public SafeTensorsHeader(IReadOnlyList<Entry> entries, IReadOnlyDictionary<string, string> metadata)
    {
        Entries = entries;
        Metadata = metadata;
    }

    /// <summary>The tensors, in data-region order.</summary>
    public IReadOnlyList<Entry> Entries { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>
    /// The header's UTF-8 JSON, padded with spaces to a multiple of 8 bytes so that the data region (which starts
    /// after the 8-byte length) stays 8-byte aligned. Metadata is omitted when empty, as the reference writer does.
    /// </summary>
    public byte[] Build()
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping writes names as plain UTF-8 (like the reference writer) instead of \uXXXX sequences.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (Metadata.Count > 0)
            {
                json.WriteStartObject(MetadataKey);
                foreach (var (key, value) in Metadata) json.WriteString(key, value);
                json.WriteEndObject();
            }
            foreach (var e in Entries)
            {
                json.WriteStartObject(e.Name);
                json.WriteString("dtype", e.DType.Code);
                json.WriteStartArray("shape");
                foreach (int d in e.Shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(e.Begin);
                json.WriteNumberValue(e.End);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        int padding = (int)((8 - buffer.Length % 8) % 8);
        for (int i = 0; i < padding; i++) buffer.WriteByte((byte)' ');
        return buffer.ToArray();
    }

    /// <summary>
    /// Reads and validates the header bytes of <paramref name="file"/>. The data region starts at byte
    /// <paramref name="dataStart"/> of a file of <paramref name="fileLength"/> bytes.
    /// </summary>
    public static SafeTensorsHeader Parse(ReadOnlySpan<byte> headerBytes, string file, long dataStart, long fileLength)
    {
        CheckUtf8(headerBytes, file, dataStart);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(headerBytes.ToArray());
        }
        catch (JsonException e)
        {
            long at = 8 + OffsetOf(headerBytes, e.LineNumber ?? 0, e.BytePositionInLine ?? 0);
            throw Corrupt(file, $"the header (bytes 8..{dataStart}) is not valid JSON: error at byte {at}: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Corrupt(file, $"the header (bytes 8..{dataStart}) must be a JSON object, got {root.ValueKind}");

            var metadata = new Dictionary<string, string>();
            var entries = new List<Entry>();
            var names = new HashSet<string>();
            var positions = KeyPositions(headerBytes);
            foreach (var (property, index) in root.EnumerateObject().Select((p, i) => (p, i)))
            {
                string where = $"'{property.Name}' (header key at byte {8 + positions[index]})";
                if (!names.Add(property.Name))
                    throw Corrupt(file, $"the header names {where} twice");
                if (property.Name == MetadataKey) ReadMetadata(property.Value, file, where, metadata);
                else entries.Add(ReadEntry(property.Name, property.Value, file, "tensor " + where));
            }
            entries.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
            CheckLayout(entries, file, dataStart, fileLength);
            return new SafeTensorsHeader(entries, metadata);
        }
    }

    /// <summary>
    /// The format requires UTF-8 JSON; .NET's parser accepts invalid sequences inside strings and fails later, when a
    /// name is read, without saying where. Checked first so that the error gives the byte.
    /// </summary>
    private static void CheckUtf8(ReadOnlySpan<byte> headerBytes, string file, long dataStart)
    {
        var chars = new char[headerBytes.Length];
        if (System.Text.Unicode.Utf8.ToUtf16(headerBytes, chars, out int valid, out _, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
            throw Corrupt(file, $"the header (bytes 8..{dataStart}) is not valid UTF-8: byte {8 + valid} (0x{headerBytes[valid]:X2}) starts an invalid sequence");
    }

    /// <summary>Where each top-level key starts in the header, in document order (the order EnumerateObject uses).</summary>
    private static List<long> KeyPositions(ReadOnlySpan<byte> headerBytes)
    {
        var positions = new List<long>();
        var reader = new Utf8JsonReader(headerBytes);
        while (reader.Read())
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                positions.Add(reader.TokenStartIndex);
        return positions;
    }

    private static void ReadMetadata(JsonElement json, string file, string where, Dictionary<string, string> metadata)
    {
        if (json.ValueKind == JsonValueKind.Null) return; // the reference reader treats null as "no metadata"
        if (json.ValueKind != JsonValueKind.Object)
            throw Corrupt(file, $"{where} must be an object of strings, got {json.ValueKind}");
        foreach (var item in json.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
                throw Corrupt(file, $"{where} entry '{item.Name}' must be a string, got {item.Value.ValueKind}");
            metadata[item.Name] = item.Value.GetString()!;
        }
    }

    private static Entry ReadEntry(string name, JsonElement json, string file, string what)
    {
        if (json.ValueKind != JsonValueKind.Object)
            throw Corrupt(file, $"{what} must be an object with dtype, shape and data_offsets, got {json.ValueKind}");
        // JSON parsers disagree on which of two equal keys wins, so a repeated field is ambiguous: reject it.
        var fields = new HashSet<string>();
        foreach (var field in json.EnumerateObject())
            if (!fields.Add(field.Name))
                throw Corrupt(file, $"{what} has the field '{field.Name}' twice; each of dtype, shape and data_offsets must appear once");

        if (!json.TryGetProperty("dtype", out var dtypeJson) || dtypeJson.ValueKind != JsonValueKind.String)
            throw Corrupt(file, $"{what} has no string 'dtype'");
        string code = dtypeJson.GetString()!;
        var dtype = SafeTensorsDType.FromCode(code)
            ?? throw Corrupt(file, $"{what} has unknown dtype '{code}'; supported: {SafeTensorsDType.SupportedCodes}");

        var shape = ReadIntegers(json, "shape", what, file, int.MaxValue).Select(d => (int)d).ToArray();
        var offsets = ReadIntegers(json, "data_offsets", what, file, long.MaxValue);
        if (offsets.Length != 2 || offsets[0] > offsets[1])
            throw Corrupt(file, $"{what} data_offsets {Format(offsets)} must be two numbers [begin, end] with begin ≤ end");

        long count = 1;
        foreach (int d in shape)
        {
            count *= d;
            if (count > Array.MaxLength)
                throw Corrupt(file, $"{what} shape {Format(shape)} has more elements than one tensor can hold");
        }
        long needed = count * dtype.Size;
        if (offsets[1] - offsets[0] != needed)
            throw Corrupt(file, $"{what} data_offsets {Format(offsets)} span {offsets[1] - offsets[0]} bytes, but shape {Format(shape)} of {code} needs {needed}");
        return new Entry(name, dtype, shape, offsets[0], offsets[1]);
    }

    /// <summary>A JSON array of non-negative integers no larger than <paramref name="max"/>.</summary>
    private static long[] ReadIntegers(JsonElement json, string key, string what, string file, long max)
    {
        if (!json.TryGetProperty(key, out var array) || array.ValueKind != JsonValueKind.Array)
            throw Corrupt(file, $"{what} has no '{key}' array");
        return array.EnumerateArray().Select(item =>
            item.ValueKind == JsonValueKind.Number && item.TryGetInt64(out long v) && v >= 0 && v <= max
                ? v
                : throw Corrupt(file, $"{what} '{key}' holds {item.GetRawText()}, expected a non-negative integer ≤ {max}")).ToArray();
    }

    /// <summary>The sorted ranges must follow each other exactly from 0 to the end of the file.</summary>
    private static void CheckLayout(List<Entry> entries, string file, long dataStart, long fileLength)
    {
        long dataLength = fileLength - dataStart;
        long needed = entries.Count == 0 ? 0 : entries.Max(e => e.End);
        if (needed > dataLength)
            throw Corrupt(file, $"the file is truncated: its tensors need data up to byte {dataStart + needed} but the file ends at byte {fileLength}; {needed - dataLength} bytes are missing");
        Entry? previous = null;
        foreach (var e in entries)
        {
            long expectedBegin = previous?.End ?? 0;
            if (e.Begin < expectedBegin)
                throw Corrupt(file, $"tensor '{e.Name}' data_offsets [{e.Begin}, {e.End}] overlap tensor '{previous!.Name}' [{previous.Begin}, {previous.End}] (bytes {dataStart + e.Begin}..{dataStart + previous.End})");
            if (e.Begin > expectedBegin)
                throw Corrupt(file, $"bytes {dataStart + expectedBegin}..{dataStart + e.Begin} belong to no tensor (before tensor '{e.Name}' data_offsets [{e.Begin}, {e.End}])");
            previous = e;
        }
        long used = previous?.End ?? 0;
        if (used != dataLength)
            throw Corrupt(file, $"the data region (bytes {dataStart}..{fileLength}) holds {dataLength} bytes but the tensors use {used}; bytes {dataStart + used}..{fileLength} belong to no tensor");
    }

    /// <summary>The offset within the header of a (line, byte-in-line) position reported by the JSON reader.</summary>
    private static long OffsetOf(ReadOnlySpan<byte> header, long line, long byteInLine)
    {
        long offset = 0;
        for (long l = 0; l < line; l++)
        {
            int next = header[(int)offset..].IndexOf((byte)'\n');
            if (next < 0) break;
            offset += next + 1;
        }
        return offset + byteInLine;
    }

    private static string Format(IEnumerable<long> values) => "[" + string.Join(", ", values) + "]";

    private static string Format(IEnumerable<int> values) => "[" + string.Join(", ", values) + "]";

    public static InvalidDataException Corrupt(string file, string problem) => new($"SafeTensors: {file}: {problem}.");
}
