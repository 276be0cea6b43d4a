using Sharpgrad.Onnx.Protobuf;

namespace Sharpgrad.Onnx;

/// <summary>One operator application (onnx.proto NodeProto), with inputs and outputs named by value.</summary>
internal sealed record OnnxNode(string OpType, string Name, string[] Inputs, string[] Outputs, OnnxAttribute[] Attributes)
{
    /// <summary>NodeProto fields: input = 1, output = 2, name = 3, op_type = 4, attribute = 5.</summary>
    public void WriteTo(ProtoWriter writer)
    {
        foreach (string input in Inputs) writer.String(1, input);
        foreach (string output in Outputs) writer.String(2, output);
        writer.String(3, Name);
        writer.String(4, OpType);
        foreach (var attribute in Attributes) writer.Message(5, attribute.WriteTo);
    }
}
