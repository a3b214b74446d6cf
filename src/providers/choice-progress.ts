/**
 * Which choices of a streamed answer have begun and which have finished, so a stream whose body
 * ends without a terminal event can still be told whole (every begun choice finished) from cut.
 */
export class ChoiceProgress {
  private readonly begun = new Set<number>();
  private readonly finished = new Set<number>();

  /** Marks a choice begun; true the first time. */
  begin(choiceIndex: number): boolean {
    if (this.begun.has(choiceIndex)) return false;
    this.begun.add(choiceIndex);
    return true;
  }

  finish(choiceIndex: number): void {
    this.begun.add(choiceIndex);
    this.finished.add(choiceIndex);
  }

  hasFinished(choiceIndex: number): boolean {
    return this.finished.has(choiceIndex);
  }

  /** At least one choice finished, and every begun choice did. */
  allFinished(): boolean {
    return this.finished.size > 0 && [...this.begun].every((index) => this.finished.has(index));
  }
}
