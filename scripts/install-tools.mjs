console.log('tools: pending')
