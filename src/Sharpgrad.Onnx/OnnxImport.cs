using System.Text;
using Sharpgrad.NN;
using Sharpgrad.Onnx.Protobuf;

namespace Sharpgrad.Onnx;

/// <summary>
/// Reads the weights (graph initializers) of an ONNX file, e.g. one written by <c>torch.onnx.export</c>, and loads them
/// into a matching Sharpgrad model by name. PyTorch names initializers by their state-dict keys ("0.weight"), which are
/// also Sharpgrad's, so a model built with the same layers takes them unchanged. Only the weights are read; the graph
/// itself is not interpreted, so the model's architecture must be built in code.
/// </summary>
public static class OnnxImport
{
    // onnx.proto field numbers: ModelProto.graph = 7; GraphProto.initializer = 5; TensorProto.dims = 1, data_type = 2,
    // float_data = 4, int64_data = 7, name = 8, raw_data = 9, double_data = 10, data_location = 14.
    private const int ModelGraph = 7, GraphInitializer = 5;
    private const int TensorDims = 1, TensorDataType = 2, TensorFloatData = 4, TensorInt64Data = 7, TensorName = 8, TensorRawData = 9,
        TensorDoubleData = 10, TensorDataLocation = 14;

    /// <summary>Every initializer of the file's main graph, by name, as float32, float64 or int64 tensors.</summary>
    /// <exception cref="InvalidDataException">The file is not valid ONNX, or holds a tensor type or storage not read here; the message names the file and byte offset.</exception>
    public static IReadOnlyDictionary<string, Tensor> ReadInitializers(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] file = File.ReadAllBytes(path);
        var model = new ProtoReader(file, 0, path);
        var result = new Dictionary<string, Tensor>();
        bool sawGraph = false;
        while (!model.AtEnd)
        {
            var (field, wire) = model.ReadKey();
            if (field != ModelGraph || wire != ProtoReader.LengthDelimitedWire) { model.Skip(wire); continue; }
            sawGraph = true;
            var graph = model.ReadEmbedded();
            while (!graph.AtEnd)
            {
                var (graphField, graphWire) = graph.ReadKey();
                if (graphField != GraphInitializer || graphWire != ProtoReader.LengthDelimitedWire) { graph.Skip(graphWire); continue; }
                long tensorOffset = graph.Offset;
                var (name, tensor) = ReadTensor(graph.ReadEmbedded(), tensorOffset, path);
                if (!result.TryAdd(name, tensor))
                    throw new InvalidDataException($"{path}: byte {tensorOffset}: initializer '{name}' appears twice.");
            }
        }
        if (!sawGraph) throw new InvalidDataException($"{path}: no ONNX graph found (is it an ONNX model file?).");
        return result;
    }

    /// <summary>
    /// Loads the ONNX file's initializers that name entries of <paramref name="model"/>'s state dict, through
    /// <see cref="Module.LoadStateDict"/>, which checks their shapes. Other initializers are ignored: an ONNX graph also
    /// holds constants (Sharpgrad's <c>const_N</c>, PyTorch's <c>onnx::…</c>), and buffers that inference does not use
    /// (batch norm's <c>num_batches_tracked</c>) are not exported. With <paramref name="strict"/> every other parameter
    /// and buffer of the model must be found, and the error lists those that are not.
    /// </summary>
    public static LoadResult LoadOnnxWeights(this Module model, string path, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        var initializers = ReadInitializers(path);
        var expected = model.StateDict().Keys.ToList();
        var matching = expected.Where(initializers.ContainsKey).ToDictionary(k => k, k => initializers[k]);
        var missing = expected.Where(k => !matching.ContainsKey(k) && !k.EndsWith(".num_batches_tracked", StringComparison.Ordinal)).ToList();
        if (strict && missing.Count > 0)
            throw new InvalidDataException(
                $"{path}: the ONNX initializers do not fit the model: missing {string.Join(", ", missing.Take(10))}{(missing.Count > 10 ? $" and {missing.Count - 10} more" : "")}.");
        try
        {
            return model.LoadStateDict(matching, strict: false);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{path}: the ONNX initializers do not fit the model: {e.Message}", e);
        }
    }

    private static (string Name, Tensor Value) ReadTensor(ProtoReader reader, long start, string path)
    {
        var dims = new List<long>();
        int dataType = 0;
        string name = "";
        List<float> floats = [];
        List<double> doubles = [];
        List<long> longs = [];
        byte[]? raw = null;
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadKey();
            switch (field)
            {
                case TensorDims: ReadInt64s(ref reader, wire, dims); break;
                case TensorDataType when wire == ProtoReader.VarintWire: dataType = (int)reader.ReadVarint(); break;
                case TensorName: name = Encoding.UTF8.GetString(reader.ReadLengthDelimited(out _)); break;
                case TensorRawData: raw = reader.ReadLengthDelimited(out _).ToArray(); break;
                case TensorFloatData: floats.AddRange(ReadPacked<float>(ref reader, wire)); break;
                case TensorDoubleData: doubles.AddRange(ReadPacked<double>(ref reader, wire)); break;
                case TensorInt64Data: ReadInt64s(ref reader, wire, longs); break;
                case TensorDataLocation when wire == ProtoReader.VarintWire:
                    // 0 is DEFAULT (the data is in this file), which onnx's external-data tools write explicitly.
                    if (reader.ReadVarint() != 0)
                        throw new InvalidDataException($"{path}: byte {start}: initializer '{name}' keeps its data in an external file, which is not read; export with the weights inside the model.");
                    break;
                default: reader.Skip(wire); break;
            }
        }
        int[] shape = [.. dims.Select(d => d is >= 0 and <= int.MaxValue ? (int)d
            : throw new InvalidDataException($"{path}: byte {start}: initializer '{name}' has dimension {d}."))];
        long count = shape.Aggregate(1L, (a, d) => a * d);
        return (name, dataType switch
        {
            1 => Build<float>(raw, floats, count, shape, DType.Float32, name, start, path),
            11 => Build<double>(raw, doubles, count, shape, DType.Float64, name, start, path),
            7 => Build<long>(raw, longs, count, shape, DType.Int64, name, start, path),
            _ => throw new InvalidDataException(
                $"{path}: byte {start}: initializer '{name}' has ONNX data type {dataType}; only FLOAT (1), DOUBLE (11) and INT64 (7) are read."),
        });
    }

    /// <summary>A tensor from raw little-endian bytes or from the typed repeated field, whichever the file used.</summary>
    private static Tensor Build<T>(byte[]? raw, List<T> typed, long count, int[] shape, DType dtype, string name, long start, string path)
        where T : unmanaged
    {
        if (raw is not null && !BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("OnnxImport: ONNX raw data is little-endian; this machine is big-endian.");
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        if (raw is not null && raw.Length != count * size)
            throw new InvalidDataException(
                $"{path}: byte {start}: initializer '{name}' of shape [{string.Join(", ", shape)}] should hold {count * size} bytes of raw data, found {raw.Length}.");
        T[] values = raw is null ? [.. typed] : System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(raw).ToArray();
        if (values.Length != count)
            throw new InvalidDataException(
                $"{path}: byte {start}: initializer '{name}' of shape [{string.Join(", ", shape)}] should hold {count} values, found {values.Length}.");
        return Tensor.FromHost<T>(values, shape).To(dtype);
    }

    /// <summary>A repeated int64: packed (one length-delimited run of varints) or one varint per key.</summary>
    private static void ReadInt64s(ref ProtoReader reader, int wire, List<long> into)
    {
        if (wire == ProtoReader.VarintWire) { into.Add((long)reader.ReadVarint()); return; }
        var packed = reader.ReadEmbedded();
        while (!packed.AtEnd) into.Add((long)packed.ReadVarint());
    }

    /// <summary>
    /// A packed repeated float or double (little-endian, as protobuf stores them; proto3-style writers such as
    /// PyTorch's pack them). One value per key, which old proto2 writers could produce, is refused with its offset.
    /// </summary>
    private static T[] ReadPacked<T>(ref ProtoReader reader, int wire) where T : unmanaged
    {
        if (wire != ProtoReader.LengthDelimitedWire) throw reader.Malformed($"unpacked float/double data (wire type {wire}), which is not read");
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("OnnxImport: ONNX numbers are little-endian; this machine is big-endian.");
        var bytes = reader.ReadLengthDelimited(out _);
        if (bytes.Length % System.Runtime.CompilerServices.Unsafe.SizeOf<T>() != 0)
            throw reader.Malformed($"packed numbers of {bytes.Length} bytes, not a multiple of {System.Runtime.CompilerServices.Unsafe.SizeOf<T>()}");
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(bytes).ToArray();
    }
}
