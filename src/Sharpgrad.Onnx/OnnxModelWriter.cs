using System.Runtime.InteropServices;
using Sharpgrad.Onnx.Protobuf;

namespace Sharpgrad.Onnx;

/// <summary>Serialises a built graph as an ONNX ModelProto (field numbers from onnx.proto).</summary>
internal static class OnnxModelWriter
{
    /// <summary>IR version 8 goes with opset 17 (ONNX 1.12), the newest Debian's python3-onnx checker accepts.</summary>
    public const long IrVersion = 8;

    private const int FloatElementType = 1;   // TensorProto.DataType.FLOAT
    private const int Int64ElementType = 7;   // TensorProto.DataType.INT64

    /// <summary>
    /// The element type a graph input of <paramref name="dtype"/> is declared with: int64 indices (an Embedding's input)
    /// stay int64, floating-point values are float32 as the initializers are.
    /// </summary>
    public static int ElementType(DType dtype) => dtype == DType.Int64 ? Int64ElementType : FloatElementType;

    /// <summary>ModelProto: ir_version = 1, producer_name = 2, producer_version = 3, graph = 7, opset_import = 8.</summary>
    public static byte[] Write(OnnxGraphBuilder graph, string graphName, ValueInfo input, ValueInfo output, int opset)
    {
        var model = new ProtoWriter();
        model.Int64(1, IrVersion);
        model.String(2, "Sharpgrad");
        model.String(3, typeof(OnnxModelWriter).Assembly.GetName().Version?.ToString() ?? "0");
        model.Message(7, g => WriteGraph(g, graph, graphName, input, output));
        model.Message(8, o => o.Int64(2, opset));   // OperatorSetIdProto: domain = 1 (empty: ai.onnx), version = 2
        return model.ToArray();
    }

    /// <summary>A graph input or output: its name, shape and element type; a dim with a name is symbolic (dim_param).</summary>
    internal sealed record ValueInfo(string Name, string?[] DimParams, int[] Dims, int ElementType = FloatElementType);

    /// <summary>GraphProto: node = 1, name = 2, initializer = 5, input = 11, output = 12.</summary>
    private static void WriteGraph(ProtoWriter writer, OnnxGraphBuilder graph, string name, ValueInfo input, ValueInfo output)
    {
        foreach (var node in graph.Nodes) writer.Message(1, node.WriteTo);
        writer.String(2, name);
        foreach (var (initName, value) in graph.Initializers) writer.Message(5, t => WriteTensor(t, initName, value));
        writer.Message(11, v => WriteValueInfo(v, input));
        writer.Message(12, v => WriteValueInfo(v, output));
    }

    /// <summary>
    /// TensorProto: dims = 1, data_type = 2, name = 8, raw_data = 9 (little-endian). Int64 tensors (the shape, axis and
    /// pad arguments of Slice and Pad) are stored as INT64; everything else as FLOAT, so a float64 model is written in
    /// float32.
    /// </summary>
    private static void WriteTensor(ProtoWriter writer, string name, Tensor value)
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("ExportOnnx: raw_data is little-endian; this machine is big-endian.");
        writer.Int64s(1, value.Shape.ToArray().Select(d => (long)d));
        if (value.DType == DType.Int64)
        {
            writer.Int64(2, Int64ElementType);
            writer.String(8, name);
            writer.Bytes(9, MemoryMarshal.AsBytes(value.ToArray<long>().AsSpan()));
            return;
        }
        writer.Int64(2, FloatElementType);
        writer.String(8, name);
        writer.Bytes(9, MemoryMarshal.AsBytes(value.To(DType.Float32).ToArray<float>().AsSpan()));
    }

    /// <summary>
    /// ValueInfoProto (name = 1, type = 2) → TypeProto (tensor_type = 1) → Tensor (elem_type = 1, shape = 2) →
    /// TensorShapeProto (dim = 1) → Dimension (dim_value = 1, dim_param = 2).
    /// </summary>
    private static void WriteValueInfo(ProtoWriter writer, ValueInfo info)
    {
        writer.String(1, info.Name);
        writer.Message(2, type => type.Message(1, tensor =>
        {
            tensor.Int64(1, info.ElementType);
            tensor.Message(2, shape =>
            {
                for (int d = 0; d < info.Dims.Length; d++)
                {
                    string? param = info.DimParams[d];
                    int size = info.Dims[d];
                    shape.Message(1, dim => { if (param is null) dim.Int64(1, size); else dim.String(2, param); });
                }
            });
        }));
    }
}
