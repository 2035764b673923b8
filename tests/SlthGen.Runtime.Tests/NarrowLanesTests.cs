using System;
using System.Runtime.Intrinsics;
using CsCheck;

namespace SlthGen.Tests;

public class NarrowLanesTests
{
    [Fact]
    public void Operations_on_16_bit_lanes_match_integer_arithmetic_in_every_lane()
    {
        Gen.Short.Array[32].Select(Gen.Short.Array[32], Gen.Int[-100, 100], Gen.Int[0, 6]).Sample(t =>
        {
            var (a, b, weight, bits) = t;
            var va = Vector512.Create(a);
            var vb = Vector512.Create(b);
            for (int k = 0; k < 32; k++)
            {
                Assert.Equal((short)(a[k] + b[k]), Int16Lanes512.Add(va, vb)[k]);
                Assert.Equal((short)(a[k] - b[k]), Int16Lanes512.Subtract(va, vb)[k]);
                Assert.Equal((short)(a[k] * weight), Int16Lanes512.Multiply(va, weight)[k]);
                Assert.Equal((short)(a[k] << bits), Int16Lanes512.ShiftLeft(va, bits)[k]);
                Assert.Equal((short)(a[k] >> bits), Int16Lanes512.ShiftRightArithmetic(va, bits)[k]);
                Assert.Equal(Math.Max(a[k], (short)0), Int16Lanes512.Relu(va)[k]);
                Assert.Equal((short)weight, Int16Lanes512.Create(weight)[k]);
            }

            // Widening takes the low and the high halves of each 32-bit lane, sign-extended;
            // narrowing puts them back.
            var lower = Int16Lanes512.WidenLower(va);
            var upper = Int16Lanes512.WidenUpper(va);
            for (int k = 0; k < 16; k++)
            {
                Assert.Equal(a[2 * k], lower[k]);
                Assert.Equal(a[(2 * k) + 1], upper[k]);
            }

            Assert.Equal(va, Int16Lanes512.Narrow(lower, upper));
            Assert.Equal(Vector256.Create(a.AsSpan(0, 16).ToArray()), Int16Lanes256.Narrow(Int16Lanes256.WidenLower(Vector256.Create(a.AsSpan(0, 16).ToArray())), Int16Lanes256.WidenUpper(Vector256.Create(a.AsSpan(0, 16).ToArray()))));
            Assert.Equal(a[1], Int16Lanes128.WidenUpper(Vector128.Create(a.AsSpan(0, 8).ToArray()))[0]);
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(33)]
    [InlineData(64)]
    public void Samples_go_into_16_bit_lanes_and_back_at_every_width(int features)
    {
        RoundTrip<Vector512<short>, Int16Lanes512>(features);
        RoundTrip<Vector256<short>, Int16Lanes256>(features);
        RoundTrip<Vector128<short>, Int16Lanes128>(features);
    }

    [Fact]
    public void A_block_of_the_wrong_size_is_refused_with_the_argument_named()
    {
        var lanes = new Vector512<short>[3];
        var error = Assert.Throws<ArgumentException>(() => Int16Lanes512.ToLanes(new int[(32 * 3) - 1], lanes));
        Assert.Equal("samples", error.ParamName);
    }

    [Fact]
    public void A_mixed_kernel_gives_every_sample_the_same_outputs_as_one_by_one_for_every_batch_size()
    {
        // Every batch size up to 150: the driver takes 32-sample blocks on Vector512 lanes, then
        // what is left in 16- and 8-sample blocks (Vector256, Vector128), then 4-sample wide
        // blocks and single samples, so every path and every remainder runs.
        var random = new Random(7);
        for (int count = 0; count <= 150; count++)
        {
            var inputs = new int[count * TwoLayers.InputCount];
            for (int i = 0; i < inputs.Length; i++)
            {
                inputs[i] = random.Next(-100, 101);
            }

            var outputs = new int[count * TwoLayers.OutputCount];
            KernelDriver.EvaluateBatchMixed<TwoLayers>(inputs, outputs);
            for (int s = 0; s < count; s++)
            {
                var expected = TwoLayers.Expected(inputs.AsSpan(s * TwoLayers.InputCount, TwoLayers.InputCount));
                Assert.Equal(expected, outputs.AsSpan(s * TwoLayers.OutputCount, TwoLayers.OutputCount).ToArray());
            }
        }
    }

    private static void RoundTrip<TNarrow, TLanes>(int features)
        where TNarrow : unmanaged
        where TLanes : struct, ILanes<TNarrow>
    {
        int n = TLanes.Count;
        var samples = new int[n * features];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = ((i * 7919) % 65_535) - 32_767;
        }

        var lanes = new TNarrow[features];
        TLanes.ToLanes(samples, lanes);
        // Sample k of the first half in the low half of 32-bit lane k, of the second half in
        // the high half of lane k − n/2.
        var flat = System.Runtime.InteropServices.MemoryMarshal.Cast<TNarrow, short>(lanes);
        for (int j = 0; j < features; j++)
        {
            for (int k = 0; k < n; k++)
            {
                int place = k < n / 2 ? 2 * k : (2 * (k - (n / 2))) + 1;
                Assert.Equal(samples[(k * features) + j], flat[(j * n) + place]);
            }
        }

        var back = new int[samples.Length];
        TLanes.FromLanes(lanes, back);
        Assert.Equal(samples, back);
    }

    /// <summary>
    /// Hidden layer small enough for int16 (|h| ≤ 500), output layer not (|y₀| up to 150,000): the
    /// shape of a generated mixed kernel, written by hand.
    /// </summary>
    private readonly struct TwoLayers : IMixedTicketKernel
    {
        public static int InputCount => 3;

        public static int OutputCount => 2;

        public static bool LongLanes => false;

        public static int NarrowLayers => 1;

        public static int[] Expected(ReadOnlySpan<int> x)
        {
            int h0 = Math.Max((3 * x[0]) + x[1] - x[2], 0);
            int h1 = Math.Max((4 * x[2]) - 5, 0) >> 1;
            return new[] { (300 * h0) - (250 * h1), h0 + h1 };
        }

        public static void Run<T, TL>(ReadOnlySpan<T> x, Span<T> y)
            where T : unmanaged
            where TL : struct, ILanes<T>
        {
            Span<T> h = new T[2];
            Hidden<T, TL>(x, h);
            Output<T, TL>(h, y);
        }

        public static void RunMixed<TN, TNL, T, TL>(ReadOnlySpan<TN> x, Span<T> lower, Span<T> upper)
            where TN : unmanaged
            where TNL : struct, INarrowLanes<TN, T>
            where T : unmanaged
            where TL : struct, ILanes<T>
        {
            Span<TN> h = new TN[2];
            Hidden<TN, TNL>(x, h);
            Span<T> wideLower = new T[2], wideUpper = new T[2];
            KernelDriver.Widen<TN, TNL, T>(h, wideLower, wideUpper);
            Output<T, TL>(wideLower, lower);
            Output<T, TL>(wideUpper, upper);
        }

        private static void Hidden<T, TL>(ReadOnlySpan<T> x, Span<T> h)
            where T : unmanaged
            where TL : struct, ILanes<T>
        {
            h[0] = TL.Relu(TL.Add(TL.Multiply(x[0], 3), TL.Subtract(x[1], x[2])));
            h[1] = TL.ShiftRightArithmetic(TL.Relu(TL.Add(TL.ShiftLeft(x[2], 2), TL.Create(-5))), 1);
        }

        private static void Output<T, TL>(ReadOnlySpan<T> h, Span<T> y)
            where T : unmanaged
            where TL : struct, ILanes<T>
        {
            y[0] = TL.Subtract(TL.Multiply(h[0], 300), TL.Multiply(h[1], 250));
            y[1] = TL.Add(h[0], h[1]);
        }
    }
}
