using Sharpgrad.Onnx.Protobuf;

namespace Sharpgrad.Onnx;

/// <summary>A node attribute (onnx.proto AttributeProto): a name and one int, float, string or list of ints or strings.</summary>
internal sealed record OnnxAttribute(string Name, OnnxAttribute.Kind Type, long Int = 0, float Float = 0, long[]? Ints = null,
    string[]? Strings = null)
{
    /// <summary>AttributeProto.AttributeType's numbers for the kinds written here.</summary>
    internal enum Kind { Float = 1, Int = 2, String = 3, Ints = 7, Strings = 8 }

    public static OnnxAttribute Of(string name, long value) => new(name, Kind.Int, Int: value);
    public static OnnxAttribute Of(string name, float value) => new(name, Kind.Float, Float: value);
    public static OnnxAttribute Of(string name, IEnumerable<int> values) => new(name, Kind.Ints, Ints: [.. values.Select(v => (long)v)]);

    /// <summary>A string attribute, e.g. a recurrent node's direction ("forward", "bidirectional").</summary>
    public static OnnxAttribute Of(string name, string value) => new(name, Kind.String, Strings: [value]);

    /// <summary>A list of strings, e.g. a recurrent node's activations, one per gate function and direction.</summary>
    public static OnnxAttribute Of(string name, IEnumerable<string> values) => new(name, Kind.Strings, Strings: [.. values]);

    /// <summary>AttributeProto fields: name = 1, f = 2, i = 3, s = 4 (bytes), ints = 8, strings = 9, type = 20.</summary>
    public void WriteTo(ProtoWriter writer)
    {
        writer.String(1, Name);
        switch (Type)
        {
            case Kind.Float: writer.Float(2, Float); break;
            case Kind.Int: writer.Int64(3, Int); break;
            case Kind.String: writer.String(4, Strings![0]); break;
            case Kind.Ints: writer.Int64s(8, Ints!); break;
            case Kind.Strings: foreach (string s in Strings!) writer.String(9, s); break;
        }
        writer.Int64(20, (long)Type);
    }
}
