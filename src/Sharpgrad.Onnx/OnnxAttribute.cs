using Sharpgrad.Onnx.Protobuf;

namespace Sharpgrad.Onnx;

/// <summary>A node attribute (onnx.proto AttributeProto): a name and one int, float or list of ints.</summary>
internal sealed record OnnxAttribute(string Name, OnnxAttribute.Kind Type, long Int = 0, float Float = 0, long[]? Ints = null)
{
    /// <summary>AttributeProto.AttributeType's numbers for the kinds written here.</summary>
    internal enum Kind { Float = 1, Int = 2, Ints = 7 }

    public static OnnxAttribute Of(string name, long value) => new(name, Kind.Int, Int: value);
    public static OnnxAttribute Of(string name, float value) => new(name, Kind.Float, Float: value);
    public static OnnxAttribute Of(string name, IEnumerable<int> values) => new(name, Kind.Ints, Ints: [.. values.Select(v => (long)v)]);

    /// <summary>AttributeProto fields: name = 1, f = 2, i = 3, ints = 8, type = 20.</summary>
    public void WriteTo(ProtoWriter writer)
    {
        writer.String(1, Name);
        switch (Type)
        {
            case Kind.Float: writer.Float(2, Float); break;
            case Kind.Int: writer.Int64(3, Int); break;
            case Kind.Ints: writer.Int64s(8, Ints!); break;
        }
        writer.Int64(20, (long)Type);
    }
}
