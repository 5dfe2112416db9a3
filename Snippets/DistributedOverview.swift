import D2LDistributed

// LocalCommunicator() in any build; MPICommunicator.world() in a build with the MPI trait.
let communicator: any Communicator = LocalCommunicator()

// Refuse to start when ranks were given different options (names the first that differs).
try communicator.requireAgreement(on: [NamedValue("seed", "0"), NamedValue("lr", "0.01")])

// Sharded update (ZeRO stage 1): sum the gradients over ranks into this rank's slice,
// update the slice, then gather every rank's updated slice.
var parameters: [Float] = [0.5, -0.25, 1, 2, 0.125]
let gradient: [Float] = [0.1, 0.2, -0.3, 0.4, 0.5]
let partition = communicator.evenPartition(of: parameters.count)   // sizes differ by ≤ 1
let mine = partition.range(of: communicator.rank)
let summed = try communicator.reduceScatter(gradient, partition: partition)
for (index, element) in mine.enumerated() {
    parameters[element] -= 0.01 * summed[index]
}
try communicator.allgather(&parameters, partition: partition)
print(parameters)   // [0.499, -0.252, 1.003, 1.996, 0.12]
