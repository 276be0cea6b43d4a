using System.Reflection;
using System.Reflection.Emit;

namespace Sharpgrad.Tests.Architecture;

/// <summary>
/// Every type a compiled type refers to: its base type and interfaces, the types in its fields, properties, method and
/// constructor signatures and attributes, and the operands of the IL instructions in its method bodies (the types,
/// methods and fields that call, newobj, ldfld, ldtoken, castclass, … name). Generic arguments and array/pointer element
/// types are unwrapped, so a <c>List&lt;Trainer&gt;</c> counts as a reference to <c>Trainer</c>.
/// </summary>
internal static class TypeReferences
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance
                                            | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>The one- and two-byte opcodes by value, to walk IL instruction by instruction.</summary>
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    public static IEnumerable<Type> Of(Type type)
    {
        var found = new List<Type>();
        if (type.BaseType is { } baseType) found.Add(baseType);
        found.AddRange(type.GetInterfaces());
        found.AddRange(type.GetCustomAttributesData().Select(a => a.AttributeType));
        foreach (var field in type.GetFields(Everything)) found.Add(field.FieldType);
        foreach (var property in type.GetProperties(Everything)) found.Add(property.PropertyType);
        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (method is MethodInfo info) found.Add(info.ReturnType);
            found.AddRange(method.GetParameters().Select(p => p.ParameterType));
            found.AddRange(method.GetCustomAttributesData().Select(a => a.AttributeType));
            if (method.GetMethodBody() is { } body)
            {
                found.AddRange(body.LocalVariables.Select(v => v.LocalType));
                found.AddRange(InBody(method, body));
            }
        }
        return found.SelectMany(Unwrap).Distinct();
    }

    /// <summary>The types named by the token operands of a method body's IL.</summary>
    private static IEnumerable<Type> InBody(MethodBase method, MethodBody body)
    {
        var il = body.GetILAsByteArray() ?? [];
        var typeArgs = method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        int at = 0;
        while (at < il.Length)
        {
            short value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            var op = OpCodesByValue[value];
            at += op.Size;
            if (op.OperandType is OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok)
            {
                int token = BitConverter.ToInt32(il, at);
                foreach (var referenced in Member(method.Module.ResolveMember(token, typeArgs, methodArgs))) yield return referenced;
            }
            at += OperandSize(op, il, at);
        }
    }

    private static IEnumerable<Type> Member(MemberInfo? member) => member switch
    {
        Type type => [type],
        FieldInfo field => [field.DeclaringType!, field.FieldType],
        MethodInfo method => [method.DeclaringType!, method.ReturnType, .. method.GetParameters().Select(p => p.ParameterType),
            .. method.IsGenericMethod ? method.GetGenericArguments() : []],
        ConstructorInfo constructor => [constructor.DeclaringType!, .. constructor.GetParameters().Select(p => p.ParameterType)],
        _ => [],
    };

    private static int OperandSize(OpCode op, byte[] il, int at) => op.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
        _ => 4,
    };

    /// <summary>A type and, recursively, its element type and generic arguments.</summary>
    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType) return Unwrap(type.GetElementType()!);
        if (type.IsGenericParameter) return [];
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
            return Unwrap(type.GetGenericTypeDefinition()).Concat(type.GetGenericArguments().SelectMany(Unwrap));
        return [type];
    }
}
