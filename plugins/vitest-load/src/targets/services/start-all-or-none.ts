/**
 * Starts services side by side: all of them, or, when one fails, none (those that started are
 * stopped again before the failure is thrown), so that a failed start leaves nothing running.
 */
export async function startAllOrNone<Service extends { stop: () => Promise<void> }>(
  starting: Array<Promise<Service>>,
): Promise<{ services: Service[]; stop: () => Promise<void> }> {
  const settled = await Promise.allSettled(starting);
  const services = settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const stop = async (): Promise<void> => {
    await Promise.all(services.map((service) => service.stop()));
  };
  const failure = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failure) {
    await stop();
    throw failure.reason;
  }
  return { services, stop };
}
