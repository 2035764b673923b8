using System;

namespace SlthGen.Tests;

/// <summary>Every argument and model validation names what is wrong.</summary>
public class ValidationTests
{
    private static readonly Precision P4 = new(4);

    [Fact]
    public void Target_layer_shape_errors_name_the_argument()
    {
        Assert.Equal("inputs", Assert.Throws<ArgumentOutOfRangeException>(() => new TargetLayer(0, 1, Array.Empty<long>())).ParamName);
        Assert.Equal("outputs", Assert.Throws<ArgumentOutOfRangeException>(() => new TargetLayer(1, 0, Array.Empty<long>())).ParamName);
        var count = Assert.Throws<ArgumentException>(() => new TargetLayer(2, 2, new long[3]));
        Assert.Equal("weights", count.ParamName);
        Assert.Contains("needs inputs × outputs = 4 weights", count.Message);
        Assert.Equal("biases", Assert.Throws<ArgumentException>(() => new TargetLayer(2, 2, new long[4], new long[3])).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentNullException>(() => new TargetLayer(1, 1, (long[])null!)).ParamName);
    }

    [Fact]
    public void Target_network_errors_say_what_is_wrong()
    {
        var ok = new TargetLayer(2, 2, new long[] { 1, 2, 3, 4 });
        Assert.Equal("layers", Assert.Throws<ArgumentException>(() => new TargetNetwork(Array.Empty<TargetLayer>(), P4, P4, -16, 16)).ParamName);
        var chain = Assert.Throws<ArgumentException>(() => new TargetNetwork(new[] { ok, new TargetLayer(3, 1, new long[3]) }, P4, P4, -16, 16));
        Assert.Contains("dimension chain is broken", chain.Message);
        var weight = Assert.Throws<ArgumentException>(() => new TargetNetwork(new[] { new TargetLayer(2, 1, new long[] { 0, 17 }) }, P4, P4, -16, 16));
        Assert.Contains("weight [0,1] = 17 is outside S_δt", weight.Message);
        var bias = Assert.Throws<ArgumentException>(() => new TargetNetwork(new[] { new TargetLayer(1, 1, new long[] { 1 }, new long[] { -17 }) }, P4, P4, -16, 16));
        Assert.Contains("bias [0] = -17", bias.Message);
        Assert.Equal("inputMax", Assert.Throws<ArgumentException>(() => new TargetNetwork(new[] { ok }, P4, P4, 3, 2)).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentOutOfRangeException>(() => new TargetNetwork(new[] { ok }, default, P4, 0, 1)).ParamName);
        Assert.Equal("activation", Assert.Throws<ArgumentOutOfRangeException>(() => new TargetNetwork(new[] { ok }, P4, default, 0, 1)).ParamName);
        Assert.Equal("layers", Assert.Throws<ArgumentNullException>(() => new TargetNetwork(null!, P4, P4, 0, 1)).ParamName);
    }

    [Fact]
    public void Target_evaluation_checks_lengths_and_range()
    {
        var network = TicketBuilderTests.Xor();
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => network.Evaluate(new long[3])).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => network.Evaluate(new long[2], new long[2])).ParamName);
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => network.Evaluate(new long[] { 0, 17 }));
        Assert.Equal("input", range.ParamName);
        Assert.Contains("input[1] = 17", range.Message);
    }

    [Fact]
    public void Settings_errors_name_the_argument()
    {
        Assert.Equal("reduced", Assert.Throws<ArgumentOutOfRangeException>(() => new TicketSettings(0, TicketConstruction.Depth2L, new Precision(2), new Precision(3))).ParamName);
        Assert.Equal("initial", Assert.Throws<ArgumentOutOfRangeException>(() => new TicketSettings(0, TicketConstruction.Depth2L, default, new Precision(3))).ParamName);
        Assert.Equal("construction", Assert.Throws<ArgumentOutOfRangeException>(() => new TicketSettings(0, (TicketConstruction)7, P4, P4)).ParamName);
        var s = new TicketSettings(0, TicketConstruction.Depth2L, P4, new Precision(2));
        Assert.Equal("HiddenPerInput", Assert.Throws<ArgumentOutOfRangeException>(() => s = new TicketSettings(0, TicketConstruction.Depth2L, P4, P4) { HiddenPerInput = -1 }).ParamName);
        Assert.Equal("Copies", Assert.Throws<ArgumentOutOfRangeException>(() => s = new TicketSettings(0, TicketConstruction.Depth2L, P4, P4) { Copies = -1 }).ParamName);
        Assert.Equal("MaxWidth", Assert.Throws<ArgumentOutOfRangeException>(() => s = new TicketSettings(0, TicketConstruction.Depth2L, P4, P4) { MaxWidth = 0 }).ParamName);
        Assert.Equal("MaxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() => s = new TicketSettings(0, TicketConstruction.Depth2L, P4, P4) { MaxDegreeOfParallelism = 0 }).ParamName);
    }

    [Fact]
    public void Precision_rules_of_each_theorem_are_enforced()
    {
        var target = TicketBuilderTests.Xor();
        var t1 = Assert.Throws<ArgumentException>(() => TicketBuilder.Build(target, new TicketSettings(0, TicketConstruction.Depth2L, new Precision(8), new Precision(1))));
        Assert.Contains("Theorem 1 needs δ² ≤ δt", t1.Message);
        var t2 = Assert.Throws<ArgumentException>(() => TicketBuilder.Build(target, new TicketSettings(0, TicketConstruction.DepthLPlus1, new Precision(8), new Precision(3))));
        Assert.Contains("Theorem 2 needs δ ≤ δt", t2.Message);
    }

    [Fact]
    public void A_given_width_that_is_too_small_names_the_instance_and_the_automatic_width()
    {
        var result = TicketBuilder.Build(TicketBuilderTests.Xor(), new TicketSettings(42, TicketConstruction.Depth2L, new Precision(8), new Precision(2)) { HiddenPerInput = 3 });
        Assert.False(result.Succeeded);
        var failure = result.Failure!;
        Assert.Equal(TicketFailureKind.GivenWidthTooSmall, failure.Kind);
        Assert.Equal(3, failure.Width);
        Assert.NotNull(failure.Instance);
        Assert.Equal(1, failure.Instance!.Value.Layer);
        // A given width means fixed equal blocks, so the suggestion is the fixed layout's automatic width.
        var automatic = TicketBuilder.BuildOrThrow(TicketBuilderTests.Xor(), new TicketSettings(42, TicketConstruction.Depth2L, new Precision(8), new Precision(2)) { Blocks = BlockLayout.Fixed });
        Assert.Equal(automatic.Info.HiddenPerInput[0], failure.AutomaticWidth);
        Assert.Contains("layer 1, output", failure.Message);
        Assert.Contains("the automatic width for this layer is " + failure.AutomaticWidth, failure.Message);
    }

    [Fact]
    public void No_width_under_the_cap_is_a_failure_not_a_hang()
    {
        var result = TicketBuilder.Build(TicketBuilderTests.Xor(), new TicketSettings(42, TicketConstruction.Depth2L, new Precision(8), new Precision(2)) { MaxWidth = 2 });
        Assert.Equal(TicketFailureKind.NoWidthFound, result.Failure!.Kind);
        Assert.Contains("No width up to 2", result.Failure.Message);
        var budget = TicketBuilder.Build(TicketBuilderTests.Xor(), new TicketSettings(42, TicketConstruction.Depth2L, new Precision(8), new Precision(2)) { MaxWidth = 60, Solver = new SubsetSumOptions { WorkBudget = 1 } });
        Assert.False(budget.Succeeded);
    }

    [Fact]
    public void A_given_width_above_the_cap_is_refused_before_drawing_g()
    {
        var result = TicketBuilder.Build(TicketBuilderTests.Xor(), new TicketSettings(42, TicketConstruction.Depth2L, new Precision(8), new Precision(2)) { HiddenPerInput = 1_000_000, MaxWidth = 64 });
        Assert.Equal(TicketFailureKind.GivenWidthAboveCap, result.Failure!.Kind);
        Assert.Contains("HiddenPerInput = 1000000 is above the width cap 64", result.Failure.Message);
    }

    [Fact]
    public void Arithmetic_beyond_64_bits_is_reported()
    {
        var huge = new TargetNetwork(new[] { new TargetLayer(1, 1, new long[] { 1L << 20 }) }, new Precision(20), new Precision(1), -(1L << 50), 1L << 50);
        var result = TicketBuilder.Build(huge, new TicketSettings(0, TicketConstruction.DepthLPlus1, new Precision(20), new Precision(20)));
        Assert.Equal(TicketFailureKind.Overflow, result.Failure!.Kind);
        Assert.Contains("beyond 64-bit integers", result.Failure.Message);
        var bounds = OverflowAnalysis.Target(huge);
        Assert.False(bounds[0].FitsInt64);
    }

    [Fact]
    public void Ticket_layers_and_reassembly_validate_their_parts()
    {
        Assert.Equal("gLayer", Assert.Throws<ArgumentOutOfRangeException>(() => TicketLayer.Create(0, 1, 1, true, 0, new[] { 0, 0 }, Array.Empty<int>(), Array.Empty<long>())).ParamName);
        Assert.Equal("rowStart", Assert.Throws<ArgumentException>(() => TicketLayer.Create(1, 2, 1, true, 0, new[] { 0, 0 }, Array.Empty<int>(), Array.Empty<long>())).ParamName);
        Assert.Equal("columnIndices", Assert.Throws<ArgumentException>(() => TicketLayer.Create(1, 1, 2, true, 0, new[] { 0, 2 }, new[] { 1, 0 }, new long[] { 1, 1 })).ParamName);
        Assert.Equal("shift", Assert.Throws<ArgumentOutOfRangeException>(() => TicketLayer.Create(1, 1, 1, true, 63, new[] { 0, 0 }, Array.Empty<int>(), Array.Empty<long>())).ParamName);
        var ticket = TicketBuilder.BuildOrThrow(TicketBuilderTests.Xor(), new TicketSettings(42, TicketConstruction.Depth2L, new Precision(8), new Precision(2)));
        var layers = new[] { ticket.Layers[0], ticket.Layers[1], ticket.Layers[2] };
        Assert.Equal("layers", Assert.Throws<ArgumentException>(() => Ticket.FromLayers(ticket.Target, ticket.Settings, ticket.Info, layers)).ParamName);
        var rebuilt = Ticket.FromLayers(ticket.Target, ticket.Settings, ticket.Info, ticket.Layers);
        Assert.True(TicketVerifier.VerifyFunction(rebuilt).Passed);
    }
}
