using System;

namespace SlthGen;

/// <summary>
/// In a test project, emits the generated tests for a ticket network declared in a referenced
/// library: <c>[assembly: TicketTests(typeof(Digits))]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class TicketTestsAttribute : Attribute
{
    /// <summary>Names the network class.</summary>
    public TicketTestsAttribute(Type network) => Network = network;

    /// <summary>The network class (a class with <see cref="TicketNetworkAttribute"/>).</summary>
    public Type Network { get; }
}
