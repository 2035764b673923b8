using System.Collections.Generic;
using System.Linq;
using CsCheck;

namespace SlthGen.Tests;

public class SparseRowsTests
{
    [Fact]
    public void Rows_come_out_ascending_without_repeats_and_empty_rows_stay_empty()
    {
        var rows = new SparseRows(4);
        rows.Add(2, new[] { 9, 3, 9 });
        rows.Add(0, 5);
        rows.Add(2, 3);
        rows.Add(0, new[] { 1, 5 });

        var (rowStart, columns) = rows.ToCsr();

        Assert.Equal(new[] { 0, 2, 2, 4, 4 }, rowStart);
        Assert.Equal(new[] { 1, 5, 3, 9 }, columns);
    }

    [Fact]
    public void Csr_matches_a_set_per_row_for_any_pairs()
    {
        // Row count, then pairs (row, column) in any order, repeats included (many instances of a
        // row pick the same hidden neuron); the model is one sorted set per row.
        var gen =
            from rowCount in Gen.Int[1, 40]
            from pairs in Gen.Select(Gen.Int[0, rowCount - 1], Gen.Int[0, 60]).Array[0, 400]
            select (rowCount, pairs);
        gen.Sample(t =>
        {
            var (rowCount, pairs) = t;
            var rows = new SparseRows(rowCount);
            var model = new SortedSet<int>[rowCount];
            foreach (var (r, c) in pairs)
            {
                rows.Add(r, c);
                (model[r] ??= new SortedSet<int>()).Add(c);
            }

            var (rowStart, columns) = rows.ToCsr();
            Assert.Equal(rowCount + 1, rowStart.Length);
            Assert.Equal(columns.Length, rowStart[rowCount]);
            for (int r = 0; r < rowCount; r++)
            {
                var expected = model[r]?.ToArray() ?? new int[0];
                Assert.Equal(expected, columns[rowStart[r]..rowStart[r + 1]]);
            }
        });
    }
}
